import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795457525566 implements MigrationInterface {
  name = 'Initial1795457525566';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "mail_deliveries" ("key" text NOT NULL, "recipients" text array NOT NULL, "subject" text NOT NULL, "status" text NOT NULL, "message_id" text, "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_d036e134cc0714f63091f4df3f4" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "outbox_messages" ("id" BIGSERIAL NOT NULL, "queue" text NOT NULL, "name" text NOT NULL, "data" jsonb NOT NULL, "job_id" text, "delay_ms" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "dispatched_at" TIMESTAMP WITH TIME ZONE, "attempts" integer NOT NULL DEFAULT '0', "last_error" text, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "outbox_messages_pending_idx" ON "outbox_messages"  ("id") WHERE dispatched_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE "audit_entries" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" uuid, "actor_role" text NOT NULL, "actor_country" character(2), "action" text NOT NULL, "entity_type" text NOT NULL, "entity_id" text NOT NULL, "before" jsonb, "after" jsonb, "request_id" text NOT NULL, CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "audit_entries_at_idx" ON "audit_entries"  ("at") `);
    await queryRunner.query(
      `CREATE INDEX "audit_entries_entity_idx" ON "audit_entries"  ("entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."user_role" AS ENUM('admin', 'coordinator', 'investigator', 'observer')`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" text NOT NULL, "display_name" text NOT NULL, "password_hash" text NOT NULL, "role" "public"."user_role" NOT NULL, "country" character(2), "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_97672ac88f789774dd47f7c8be3" UNIQUE ("email"), CONSTRAINT "users_investigator_country_check" CHECK (role <> 'investigator' OR country IS NOT NULL), CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."offence_category" AS ENUM('migrant_smuggling', 'human_trafficking', 'document_fraud', 'money_laundering', 'corruption', 'organised_crime', 'other')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."operation_status" AS ENUM('planning', 'nomination', 'active', 'follow_up', 'closed')`,
    );
    await queryRunner.query(`CREATE TABLE "operations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "code" text NOT NULL, "name" text NOT NULL, "crime_focus" "public"."offence_category" NOT NULL DEFAULT 'migrant_smuggling', "description" text NOT NULL DEFAULT '', "nomination_opens_on" date, "operational_start" date, "operational_end" date, "status" "public"."operation_status" NOT NULL DEFAULT 'planning', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "UQ_60d20884210e8dd56b05b139b95" UNIQUE ("code"), CONSTRAINT "operations_phase_order_check" CHECK (
  (nomination_opens_on IS NULL OR operational_start IS NULL OR nomination_opens_on <= operational_start)
  AND (operational_start IS NULL OR operational_end IS NULL OR operational_start <= operational_end)), CONSTRAINT "PK_7b62d84d6f9912b975987165856" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "operations_status_idx" ON "operations"  ("status") `);
    await queryRunner.query(
      `CREATE TABLE "operation_members" ("operation_id" uuid NOT NULL, "user_id" uuid NOT NULL, "added_by" uuid, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41a86719315de8fcd7c9aa06161" PRIMARY KEY ("operation_id", "user_id"))`,
    );
    await queryRunner.query(`CREATE INDEX "operation_members_user_idx" ON "operation_members"  ("user_id") `);
    await queryRunner.query(`CREATE TYPE "public"."participant_role" AS ENUM('source', 'transit', 'destination')`);
    await queryRunner.query(
      `CREATE TABLE "participants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation_id" uuid NOT NULL, "country" character(2) NOT NULL, "roles" "public"."participant_role" array NOT NULL DEFAULT '{}', "ncb_name" text NOT NULL, "focal_point_emails" text array NOT NULL DEFAULT '{}', "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "participants_operation_country_key" UNIQUE ("operation_id", "country"), CONSTRAINT "PK_1cda06c31eec1c95b3365a0283f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "participants_country_idx" ON "participants"  ("country") `);
    await queryRunner.query(
      `ALTER TABLE "operation_members" ADD CONSTRAINT "FK_7db937be4827537a094c31adf87" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "operation_members" ADD CONSTRAINT "FK_62a5b2ef8190e100523624b805e" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participants" ADD CONSTRAINT "FK_ffae1eebd9a492e3c457df7988c" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participants" DROP CONSTRAINT "FK_ffae1eebd9a492e3c457df7988c"`);
    await queryRunner.query(`ALTER TABLE "operation_members" DROP CONSTRAINT "FK_62a5b2ef8190e100523624b805e"`);
    await queryRunner.query(`ALTER TABLE "operation_members" DROP CONSTRAINT "FK_7db937be4827537a094c31adf87"`);
    await queryRunner.query(`DROP INDEX "public"."participants_country_idx"`);
    await queryRunner.query(`DROP TABLE "participants"`);
    await queryRunner.query(`DROP TYPE "public"."participant_role"`);
    await queryRunner.query(`DROP INDEX "public"."operation_members_user_idx"`);
    await queryRunner.query(`DROP TABLE "operation_members"`);
    await queryRunner.query(`DROP INDEX "public"."operations_status_idx"`);
    await queryRunner.query(`DROP TABLE "operations"`);
    await queryRunner.query(`DROP TYPE "public"."operation_status"`);
    await queryRunner.query(`DROP TYPE "public"."offence_category"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entries_entity_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entries_at_idx"`);
    await queryRunner.query(`DROP TABLE "audit_entries"`);
    await queryRunner.query(`DROP INDEX "public"."outbox_messages_pending_idx"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
    await queryRunner.query(`DROP TABLE "mail_deliveries"`);
  }
}
