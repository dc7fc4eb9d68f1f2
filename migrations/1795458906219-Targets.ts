import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Targets1795458906219 implements MigrationInterface {
  name = 'Targets1795458906219';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TABLE "duplicate_dismissals" ("first_target_id" uuid NOT NULL, "second_target_id" uuid NOT NULL, "operation_id" uuid NOT NULL, "dismissed_by" uuid, "dismissed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_40e7593d3bcfa29d957b85ca246" PRIMARY KEY ("first_target_id", "second_target_id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."target_status" AS ENUM('nominated', 'accepted', 'rejected', 'located', 'arrested', 'deceased', 'withdrawn', 'extradited', 'surrendered', 'released')`,
    );
    await queryRunner.query(
      `CREATE TABLE "target_status_changes" ("id" BIGSERIAL NOT NULL, "target_id" uuid NOT NULL, "from_status" "public"."target_status", "to_status" "public"."target_status" NOT NULL, "country" character(2), "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "note" text, "actor_id" uuid, "actor_role" text NOT NULL, "actor_country" character(2), "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7c4be74e1a99b4b11d43db5093a" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "target_status_changes_target_idx" ON "target_status_changes"  ("target_id", "id") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."sex" AS ENUM('M', 'F', 'U')`);
    await queryRunner.query(
      `CREATE TYPE "public"."smuggling_role" AS ENUM('organiser', 'facilitator', 'transporter', 'document_forger', 'harbourer', 'illegal_travel_agent', 'recruiter', 'other')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."target_priority" AS ENUM('high', 'medium', 'low')`);
    await queryRunner.query(
      `CREATE TABLE "targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation_id" uuid NOT NULL, "reference" text NOT NULL, "status" "public"."target_status" NOT NULL DEFAULT 'nominated', "family_name" text NOT NULL, "given_names" text NOT NULL DEFAULT '', "aliases" text array NOT NULL DEFAULT '{}', "sex" "public"."sex" NOT NULL DEFAULT 'U', "birth_date" date, "birth_year" smallint, "place_of_birth" text, "country_of_birth" character(2), "nationalities" character(2) array NOT NULL DEFAULT '{}', "languages" text array NOT NULL DEFAULT '{}', "identity_documents" jsonb NOT NULL DEFAULT '[]', "height_cm" smallint, "weight_kg" smallint, "eye_colour" text, "hair_colour" text, "distinguishing_marks" text, "photograph_reference" text, "fingerprints_reference" text, "nominating_country" character(2) NOT NULL, "nominating_reference" text, "wanted_by_country" character(2) NOT NULL, "offence_categories" "public"."offence_category" array NOT NULL DEFAULT '{}', "smuggling_role" "public"."smuggling_role", "network_name" text, "priority" "public"."target_priority" NOT NULL DEFAULT 'medium', "believed_in" character(2) array NOT NULL DEFAULT '{}', "public_appeal" boolean NOT NULL DEFAULT false, "located_country" character(2), "located_at" TIMESTAMP WITH TIME ZONE, "arrested_country" character(2), "arrested_at" TIMESTAMP WITH TIME ZONE, "merged_into_id" uuid, "search_names" text NOT NULL DEFAULT '', "name_keys" text array NOT NULL DEFAULT '{}', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "targets_operation_reference_key" UNIQUE ("operation_id", "reference"), CONSTRAINT "targets_birth_year_check" CHECK (birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100), CONSTRAINT "PK_87084f49e9de9dd6a3e83906584" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "targets_operation_wanted_by_idx" ON "targets"  ("operation_id", "wanted_by_country") `,
    );
    await queryRunner.query(`CREATE INDEX "targets_operation_status_idx" ON "targets"  ("operation_id", "status") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "targets_nominating_reference_key" ON "targets"  ("operation_id", "nominating_country", "nominating_reference") WHERE nominating_reference IS NOT NULL`,
    );
    await queryRunner.query(`CREATE TYPE "public"."wanted_for" AS ENUM('prosecution', 'sentence')`);
    await queryRunner.query(
      `CREATE TABLE "warrants" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "target_id" uuid NOT NULL, "issuing_country" character(2) NOT NULL, "issuing_authority" text, "reference" text, "date_issued" date, "charge" text, "legal_provisions" text, "wanted_for" "public"."wanted_for" NOT NULL, "maximum_penalty_months" integer, "sentence_imposed_months" integer, "sentence_remaining_months" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_46da8a883c846eafa79486de6a5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "warrants_target_idx" ON "warrants"  ("target_id") `);
    await queryRunner.query(`ALTER TABLE "operations" ADD "last_target_number" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(
      `ALTER TABLE "targets" ADD CONSTRAINT "FK_8168c41be22cdb52217f222d1f5" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "warrants" ADD CONSTRAINT "FK_abd9c38a8d46e7c7c385eb60225" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(`CREATE INDEX "targets_name_keys_idx" ON "targets" USING gin ("name_keys")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."targets_name_keys_idx"`);
    await queryRunner.query(`ALTER TABLE "warrants" DROP CONSTRAINT "FK_abd9c38a8d46e7c7c385eb60225"`);
    await queryRunner.query(`ALTER TABLE "targets" DROP CONSTRAINT "FK_8168c41be22cdb52217f222d1f5"`);
    await queryRunner.query(`ALTER TABLE "operations" DROP COLUMN "last_target_number"`);
    await queryRunner.query(`DROP INDEX "public"."warrants_target_idx"`);
    await queryRunner.query(`DROP TABLE "warrants"`);
    await queryRunner.query(`DROP TYPE "public"."wanted_for"`);
    await queryRunner.query(`DROP INDEX "public"."targets_nominating_reference_key"`);
    await queryRunner.query(`DROP INDEX "public"."targets_operation_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."targets_operation_wanted_by_idx"`);
    await queryRunner.query(`DROP TABLE "targets"`);
    await queryRunner.query(`DROP TYPE "public"."target_priority"`);
    await queryRunner.query(`DROP TYPE "public"."smuggling_role"`);
    await queryRunner.query(`DROP TYPE "public"."sex"`);
    await queryRunner.query(`DROP INDEX "public"."target_status_changes_target_idx"`);
    await queryRunner.query(`DROP TABLE "target_status_changes"`);
    await queryRunner.query(`DROP TYPE "public"."target_status"`);
    await queryRunner.query(`DROP TABLE "duplicate_dismissals"`);
  }
}
