import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NetworksExportScope1796193630843 implements MigrationInterface {
  name = 'NetworksExportScope1796193630843';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE "public"."export_scope" ADD VALUE 'networks'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."export_scope_old" AS ENUM('targets', 'summary', 'all')`);
    await queryRunner.query(
      `ALTER TABLE "exports" ALTER COLUMN "scope" TYPE "public"."export_scope_old" USING "scope"::"text"::"public"."export_scope_old"`,
    );
    await queryRunner.query(`DROP TYPE "public"."export_scope"`);
    await queryRunner.query(`ALTER TYPE "public"."export_scope_old" RENAME TO "export_scope"`);
  }
}
