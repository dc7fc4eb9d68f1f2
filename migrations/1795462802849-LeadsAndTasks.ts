import type { MigrationInterface, QueryRunner } from 'typeorm';

export class LeadsAndTasks1795462802849 implements MigrationInterface {
  name = 'LeadsAndTasks1795462802849';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."lead_status" AS ENUM('new', 'under_assessment', 'actioned', 'confirmed', 'disproved', 'closed')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."lead_type" AS ENUM('address', 'sighting', 'phone', 'travel_document', 'travel_movement', 'social_media', 'financial', 'public_tip', 'other')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."lead_source_reliability" AS ENUM('A', 'B', 'C', 'X')`);
    await queryRunner.query(`CREATE TYPE "public"."lead_handling_code" AS ENUM('H0', 'H1', 'H2', 'H3')`);
    await queryRunner.query(
      `CREATE TABLE "leads" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation_id" uuid NOT NULL, "target_id" uuid NOT NULL, "status" "public"."lead_status" NOT NULL DEFAULT 'new', "reporting_country" character(2) NOT NULL, "reported_by" uuid, "country" character(2) NOT NULL, "place" text NOT NULL, "latitude" double precision, "longitude" double precision, "observed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "type" "public"."lead_type" NOT NULL, "narrative" text NOT NULL, "source_reliability" "public"."lead_source_reliability" NOT NULL, "information_assessment" smallint NOT NULL, "handling_code" "public"."lead_handling_code" NOT NULL, "handling_restriction" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "leads_h3_restriction_check" CHECK (handling_code <> 'H3' OR handling_restriction IS NOT NULL), CONSTRAINT "leads_longitude_check" CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180), CONSTRAINT "leads_latitude_check" CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90), CONSTRAINT "leads_coordinates_check" CHECK ((latitude IS NULL) = (longitude IS NULL)), CONSTRAINT "leads_information_assessment_check" CHECK (information_assessment BETWEEN 1 AND 4), CONSTRAINT "PK_cd102ed7a9a4ca7d4d8bfeba406" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_operation_reporting_idx" ON "leads"  ("operation_id", "reporting_country") `,
    );
    await queryRunner.query(`CREATE INDEX "leads_operation_country_idx" ON "leads"  ("operation_id", "country") `);
    await queryRunner.query(`CREATE INDEX "leads_target_observed_idx" ON "leads"  ("target_id", "observed_at") `);
    await queryRunner.query(`CREATE INDEX "leads_operation_created_idx" ON "leads"  ("operation_id", "created_at") `);
    await queryRunner.query(
      `CREATE TABLE "lead_status_changes" ("id" BIGSERIAL NOT NULL, "lead_id" uuid NOT NULL, "from_status" "public"."lead_status", "to_status" "public"."lead_status" NOT NULL, "note" text, "actor_id" uuid, "actor_role" text NOT NULL, "actor_country" character(2), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_247351e173932e447b7e4d9bc89" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "lead_status_changes_lead_idx" ON "lead_status_changes"  ("lead_id", "id") `);
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "status" text NOT NULL, "claim_token" uuid NOT NULL, "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "response_status" smallint, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "idempotency_keys_status_check" CHECK (status IN ('in_flight', 'done')), CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))`,
    );
    await queryRunner.query(`CREATE INDEX "idempotency_keys_expires_idx" ON "idempotency_keys"  ("expires_at") `);
    await queryRunner.query(
      `CREATE TYPE "public"."task_type" AS ENUM('check_records', 'verify_lead', 'locate', 'surveillance', 'arrest', 'extradition_request', 'notice_request', 'other')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."task_priority" AS ENUM('high', 'medium', 'low')`);
    await queryRunner.query(
      `CREATE TYPE "public"."task_status" AS ENUM('open', 'acknowledged', 'in_progress', 'done', 'cancelled')`,
    );
    await queryRunner.query(
      `CREATE TABLE "tasks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation_id" uuid NOT NULL, "assigned_country" character(2) NOT NULL, "target_id" uuid, "lead_id" uuid, "type" "public"."task_type" NOT NULL, "title" text NOT NULL, "details" text NOT NULL DEFAULT '', "priority" "public"."task_priority" NOT NULL DEFAULT 'medium', "due_at" TIMESTAMP WITH TIME ZONE, "status" "public"."task_status" NOT NULL DEFAULT 'open', "created_by" uuid, "batch_id" uuid, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "finished_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "tasks_batch_idx" ON "tasks"  ("batch_id") `);
    await queryRunner.query(`CREATE INDEX "tasks_lead_idx" ON "tasks"  ("lead_id") `);
    await queryRunner.query(`CREATE INDEX "tasks_target_idx" ON "tasks"  ("target_id") `);
    await queryRunner.query(`CREATE INDEX "tasks_operation_due_idx" ON "tasks"  ("operation_id", "due_at") `);
    await queryRunner.query(
      `CREATE INDEX "tasks_operation_country_status_idx" ON "tasks"  ("operation_id", "assigned_country", "status") `,
    );
    await queryRunner.query(
      `CREATE TABLE "task_status_changes" ("id" BIGSERIAL NOT NULL, "task_id" uuid NOT NULL, "from_status" "public"."task_status", "to_status" "public"."task_status" NOT NULL, "note" text, "actor_id" uuid, "actor_role" text NOT NULL, "actor_country" character(2), "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a7aa964dc16c0bf225984f06bdd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "task_status_changes_task_idx" ON "task_status_changes"  ("task_id", "id") `);
    await queryRunner.query(
      `ALTER TABLE "leads" ADD CONSTRAINT "FK_b7f97ebdf9da84e3e37843c1d47" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "leads" ADD CONSTRAINT "FK_7cd51af9efa98e016bec84aea06" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "lead_status_changes" ADD CONSTRAINT "FK_f4a125355bc92d3be98b4e6d526" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "FK_789bdb0cb01ddd0afe309ec185e" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "FK_b47d2b76f1e8e1e824213d8e34f" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "tasks" ADD CONSTRAINT "FK_c45c4fbd19faf3ca1daa4c5f21e" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "task_status_changes" ADD CONSTRAINT "FK_3acac1c53fb9605f7d63f73fe75" FOREIGN KEY ("task_id") REFERENCES "tasks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "task_status_changes" DROP CONSTRAINT "FK_3acac1c53fb9605f7d63f73fe75"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_c45c4fbd19faf3ca1daa4c5f21e"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_b47d2b76f1e8e1e824213d8e34f"`);
    await queryRunner.query(`ALTER TABLE "tasks" DROP CONSTRAINT "FK_789bdb0cb01ddd0afe309ec185e"`);
    await queryRunner.query(`ALTER TABLE "lead_status_changes" DROP CONSTRAINT "FK_f4a125355bc92d3be98b4e6d526"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_7cd51af9efa98e016bec84aea06"`);
    await queryRunner.query(`ALTER TABLE "leads" DROP CONSTRAINT "FK_b7f97ebdf9da84e3e37843c1d47"`);
    await queryRunner.query(`DROP INDEX "public"."task_status_changes_task_idx"`);
    await queryRunner.query(`DROP TABLE "task_status_changes"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_operation_country_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_operation_due_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_target_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_lead_idx"`);
    await queryRunner.query(`DROP INDEX "public"."tasks_batch_idx"`);
    await queryRunner.query(`DROP TABLE "tasks"`);
    await queryRunner.query(`DROP TYPE "public"."task_status"`);
    await queryRunner.query(`DROP TYPE "public"."task_priority"`);
    await queryRunner.query(`DROP TYPE "public"."task_type"`);
    await queryRunner.query(`DROP INDEX "public"."idempotency_keys_expires_idx"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."lead_status_changes_lead_idx"`);
    await queryRunner.query(`DROP TABLE "lead_status_changes"`);
    await queryRunner.query(`DROP INDEX "public"."leads_operation_created_idx"`);
    await queryRunner.query(`DROP INDEX "public"."leads_target_observed_idx"`);
    await queryRunner.query(`DROP INDEX "public"."leads_operation_country_idx"`);
    await queryRunner.query(`DROP INDEX "public"."leads_operation_reporting_idx"`);
    await queryRunner.query(`DROP TABLE "leads"`);
    await queryRunner.query(`DROP TYPE "public"."lead_handling_code"`);
    await queryRunner.query(`DROP TYPE "public"."lead_source_reliability"`);
    await queryRunner.query(`DROP TYPE "public"."lead_type"`);
    await queryRunner.query(`DROP TYPE "public"."lead_status"`);
  }
}
