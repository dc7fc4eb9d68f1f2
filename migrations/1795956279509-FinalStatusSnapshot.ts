import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FinalStatusSnapshot1795956279509 implements MigrationInterface {
  name = 'FinalStatusSnapshot1795956279509';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "operation_status_snapshots" ADD "final" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "operation_status_snapshots_final_idx" ON "operation_status_snapshots"  ("operation_id") WHERE final`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."operation_status_snapshots_final_idx"`);
    await queryRunner.query(`ALTER TABLE "operation_status_snapshots" DROP COLUMN "final"`);
  }
}
