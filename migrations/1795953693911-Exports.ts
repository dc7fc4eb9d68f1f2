import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Exports1795953693911 implements MigrationInterface {
  name = 'Exports1795953693911';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TYPE "public"."export_format" AS ENUM('csv', 'xlsx', 'json')`);
    await queryRunner.query(`CREATE TYPE "public"."export_scope" AS ENUM('targets', 'summary', 'all')`);
    await queryRunner.query(
      `CREATE TYPE "public"."export_status" AS ENUM('queued', 'running', 'ready', 'failed', 'expired')`,
    );
    await queryRunner.query(
      `CREATE TABLE "exports" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation_id" uuid NOT NULL, "requested_by" uuid NOT NULL, "format" "public"."export_format" NOT NULL, "scope" "public"."export_scope" NOT NULL, "country" character(2), "status" "public"."export_status" NOT NULL DEFAULT 'queued', "row_count" integer, "size_bytes" bigint, "sha256" text, "file_name" text NOT NULL, "file_key" text NOT NULL, "error" text, "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "started_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bcf8528d214cbfc68c01f337511" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "exports_status_expires_idx" ON "exports"  ("status", "expires_at") `);
    await queryRunner.query(
      `CREATE INDEX "exports_operation_created_idx" ON "exports"  ("operation_id", "created_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "operations" ADD "investigator_exports_allowed" boolean NOT NULL DEFAULT false`,
    );
    await queryRunner.query(
      `ALTER TABLE "exports" ADD CONSTRAINT "FK_24d13332bd2beb40b3704af2d01" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "exports" DROP CONSTRAINT "FK_24d13332bd2beb40b3704af2d01"`);
    await queryRunner.query(`ALTER TABLE "operations" DROP COLUMN "investigator_exports_allowed"`);
    await queryRunner.query(`DROP INDEX "public"."exports_operation_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."exports_status_expires_idx"`);
    await queryRunner.query(`DROP TABLE "exports"`);
    await queryRunner.query(`DROP TYPE "public"."export_status"`);
    await queryRunner.query(`DROP TYPE "public"."export_scope"`);
    await queryRunner.query(`DROP TYPE "public"."export_format"`);
  }
}
