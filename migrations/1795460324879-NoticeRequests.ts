import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NoticeRequests1795460324879 implements MigrationInterface {
  name = 'NoticeRequests1795460324879';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."notice_request_type" AS ENUM('red', 'yellow', 'blue', 'black', 'green', 'orange', 'purple', 'silver', 'un_special', 'red_diffusion', 'yellow_diffusion', 'blue_diffusion', 'black_diffusion', 'green_diffusion')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."notice_request_status" AS ENUM('draft', 'submitted', 'under_review', 'info_requested', 'published', 'refused', 'suspended', 'circulated', 'withdrawn', 'cancelled', 'expired')`,
    );
    await queryRunner.query(
      `CREATE TABLE "notice_requests" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation_id" uuid NOT NULL, "target_id" uuid NOT NULL, "type" "public"."notice_request_type" NOT NULL, "status" "public"."notice_request_status" NOT NULL DEFAULT 'draft', "requesting_country" character(2) NOT NULL, "requested_by" uuid, "article3_attested" boolean NOT NULL DEFAULT false, "summary" text NOT NULL DEFAULT '', "justification" text NOT NULL DEFAULT '', "recipients" character(2) array NOT NULL DEFAULT '{}', "recipients_all" boolean NOT NULL DEFAULT false, "submitted_at" TIMESTAMP WITH TIME ZONE, "reference" text, "published_at" date, "expires_at" date, "retention_review_due" date, "suspended_at" date, "suspension_ends" date, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "notice_requests_reference_check" CHECK (reference IS NULL OR reference ~ '^[0-9]{4}/[0-9]{5}$'), CONSTRAINT "PK_1d34bf9ab72e66ca5bb5ec6e57a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "notice_requests_reference_key" ON "notice_requests"  ("reference") WHERE reference IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX "notice_requests_target_idx" ON "notice_requests"  ("target_id", "type") `);
    await queryRunner.query(
      `CREATE INDEX "notice_requests_operation_idx" ON "notice_requests"  ("operation_id", "type", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "notice_request_changes" ("id" BIGSERIAL NOT NULL, "request_id" uuid NOT NULL, "from_status" "public"."notice_request_status", "to_status" "public"."notice_request_status" NOT NULL, "reason" text, "details" jsonb, "actor_id" uuid, "actor_role" text NOT NULL, "actor_country" character(2), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07e3ea6f23a706f9c0c04dfe73d" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "notice_request_changes_request_idx" ON "notice_request_changes"  ("request_id", "id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_requests" ADD CONSTRAINT "FK_5bfb92a9fcff330b81ab0e98b2d" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_requests" ADD CONSTRAINT "FK_0bc4586b9246f96393e206bd967" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "notice_request_changes" ADD CONSTRAINT "FK_4ca43c9c224b33ab98be4027dbb" FOREIGN KEY ("request_id") REFERENCES "notice_requests"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "notice_request_changes" DROP CONSTRAINT "FK_4ca43c9c224b33ab98be4027dbb"`);
    await queryRunner.query(`ALTER TABLE "notice_requests" DROP CONSTRAINT "FK_0bc4586b9246f96393e206bd967"`);
    await queryRunner.query(`ALTER TABLE "notice_requests" DROP CONSTRAINT "FK_5bfb92a9fcff330b81ab0e98b2d"`);
    await queryRunner.query(`DROP INDEX "public"."notice_request_changes_request_idx"`);
    await queryRunner.query(`DROP TABLE "notice_request_changes"`);
    await queryRunner.query(`DROP INDEX "public"."notice_requests_operation_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notice_requests_target_idx"`);
    await queryRunner.query(`DROP INDEX "public"."notice_requests_reference_key"`);
    await queryRunner.query(`DROP TABLE "notice_requests"`);
    await queryRunner.query(`DROP TYPE "public"."notice_request_status"`);
    await queryRunner.query(`DROP TYPE "public"."notice_request_type"`);
  }
}
