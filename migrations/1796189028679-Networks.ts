import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Networks1796189028679 implements MigrationInterface {
  name = 'Networks1796189028679';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."identifier_kind" AS ENUM('phone', 'travel_document', 'vessel_name', 'imo_number', 'vehicle_plate', 'online_handle', 'money_transfer_account')`,
    );
    await queryRunner.query(
      `CREATE TABLE "identifiers" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation_id" uuid NOT NULL, "target_id" uuid NOT NULL, "lead_id" uuid, "kind" "public"."identifier_kind" NOT NULL, "value" text NOT NULL, "normalised" text NOT NULL, "country" character(2), "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "identifiers_target_value_key" UNIQUE ("target_id", "kind", "normalised"), CONSTRAINT "PK_c4daa2122a9dee583d874bf3456" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "identifiers_operation_value_idx" ON "identifiers"  ("operation_id", "kind", "normalised", "target_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."modus_operandi" AS ENUM('sea_crossing', 'overland_by_vehicle', 'air_travel_fraudulent_documents', 'document_fraud', 'hawala', 'online_recruitment', 'corruption_of_officials', 'safe_houses')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."network_status" AS ENUM('suspected', 'active', 'inactive')`);
    await queryRunner.query(
      `CREATE TABLE "networks" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation_id" uuid NOT NULL, "name" text NOT NULL, "name_key" text NOT NULL, "aliases" text array NOT NULL DEFAULT '{}', "description" text, "origin_countries" character(2) array NOT NULL DEFAULT '{}', "transit_countries" character(2) array NOT NULL DEFAULT '{}', "destination_countries" character(2) array NOT NULL DEFAULT '{}', "modi_operandi" "public"."modus_operandi" array NOT NULL DEFAULT '{}', "modus_operandi_notes" text, "status" "public"."network_status" NOT NULL DEFAULT 'suspected', "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "networks_operation_name_key" UNIQUE ("operation_id", "name_key"), CONSTRAINT "PK_61b1ee921bf79550d9d4742b9f7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "link_proposal_dismissals" ("first_target_id" uuid NOT NULL, "second_target_id" uuid NOT NULL, "operation_id" uuid NOT NULL, "dismissed_by" uuid, "dismissed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b54c3ada472b9949b11fd19d0bd" PRIMARY KEY ("first_target_id", "second_target_id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."link_type" AS ENUM('associate', 'family', 'co_offender', 'financial')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."link_status" AS ENUM('proposed', 'confirmed', 'dismissed')`);
    await queryRunner.query(
      `CREATE TABLE "target_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "operation_id" uuid NOT NULL, "first_target_id" uuid NOT NULL, "second_target_id" uuid NOT NULL, "type" "public"."link_type" NOT NULL, "status" "public"."link_status" NOT NULL DEFAULT 'proposed', "source_reliability" "public"."lead_source_reliability" NOT NULL, "information_assessment" smallint NOT NULL, "lead_id" uuid, "note" text, "proposed_by" uuid, "proposing_country" character(2), "decided_by" uuid, "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "target_links_pair_type_key" UNIQUE ("first_target_id", "second_target_id", "type"), CONSTRAINT "target_links_information_check" CHECK (information_assessment BETWEEN 1 AND 4), CONSTRAINT "target_links_order_check" CHECK (first_target_id < second_target_id), CONSTRAINT "PK_3f56e2ef0d3c4b08ecc9241e0fb" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "target_links_operation_status_idx" ON "target_links"  ("operation_id", "status") `,
    );
    await queryRunner.query(`CREATE INDEX "target_links_second_idx" ON "target_links"  ("second_target_id") `);
    await queryRunner.query(
      `CREATE TYPE "public"."network_member_role" AS ENUM('leader', 'organiser', 'recruiter', 'transporter_or_driver', 'boat_pilot', 'document_forger', 'money_collector', 'safe_house_keeper', 'corrupt_official', 'other')`,
    );
    await queryRunner.query(
      `CREATE TABLE "network_members" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "network_id" uuid NOT NULL, "target_id" uuid NOT NULL, "role" "public"."network_member_role" NOT NULL, "period_from" date, "period_to" date, "source_lead_id" uuid, "source_note" text, "created_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "network_members_period_check" CHECK (period_from IS NULL OR period_to IS NULL OR period_from <= period_to), CONSTRAINT "network_members_source_check" CHECK (source_lead_id IS NOT NULL OR source_note IS NOT NULL), CONSTRAINT "PK_9bef3d48aa5999465dc69a72e4c" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "network_members_target_idx" ON "network_members"  ("target_id") `);
    await queryRunner.query(
      `ALTER TABLE "identifiers" ADD CONSTRAINT "FK_2ad10f7cc7654bd2ca39cff7ca2" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "identifiers" ADD CONSTRAINT "FK_e99d34822615c1c74a63eb65669" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "networks" ADD CONSTRAINT "FK_80ebbdd69c7907b62f730292208" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "target_links" ADD CONSTRAINT "FK_5912d14724446204534e330779f" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "target_links" ADD CONSTRAINT "FK_9d666b168b735d0c2447fdc2a58" FOREIGN KEY ("first_target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "target_links" ADD CONSTRAINT "FK_b8c957ee4abd7e75b3e905d1cad" FOREIGN KEY ("second_target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "target_links" ADD CONSTRAINT "FK_cfdd58ad5ea850bf09e31a11917" FOREIGN KEY ("lead_id") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_members" ADD CONSTRAINT "FK_240ed36e942046faaae89f8012c" FOREIGN KEY ("network_id") REFERENCES "networks"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_members" ADD CONSTRAINT "FK_0feaade576d9bce22a3ecf0f077" FOREIGN KEY ("target_id") REFERENCES "targets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "network_members" ADD CONSTRAINT "FK_d4530e7932c19221416afd8bc93" FOREIGN KEY ("source_lead_id") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    // By hand (TypeORM cannot declare it): an open period is one period, so NULLS NOT DISTINCT.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "network_members_role_period_key" ON "network_members" ("network_id", "target_id", "role", "period_from", "period_to") NULLS NOT DISTINCT`,
    );
    // The free-text network names on targets become networks of their operation (one per name, case and
    // spacing aside), each target a member with the role its smuggling role suggests.
    await queryRunner.query(`INSERT INTO "networks" ("operation_id", "name", "name_key")
      SELECT DISTINCT ON (t.operation_id, lower(regexp_replace(btrim(t.network_name), '\\s+', ' ', 'g')))
             t.operation_id, regexp_replace(btrim(t.network_name), '\\s+', ' ', 'g'), lower(regexp_replace(btrim(t.network_name), '\\s+', ' ', 'g'))
      FROM "targets" t
      WHERE t.merged_into_id IS NULL AND btrim(coalesce(t.network_name, '')) <> ''
      ORDER BY t.operation_id, lower(regexp_replace(btrim(t.network_name), '\\s+', ' ', 'g')), t.created_at`);
    await queryRunner.query(`INSERT INTO "network_members" ("network_id", "target_id", "role", "source_note")
      SELECT n.id, t.id,
             (CASE t.smuggling_role WHEN 'organiser' THEN 'organiser' WHEN 'recruiter' THEN 'recruiter'
               WHEN 'transporter' THEN 'transporter_or_driver' WHEN 'document_forger' THEN 'document_forger'
               WHEN 'harbourer' THEN 'safe_house_keeper' ELSE 'other' END)::"network_member_role",
             'Named on the target record before networks existed (network_name)'
      FROM "targets" t
      JOIN "networks" n ON n.operation_id = t.operation_id AND n.name_key = lower(regexp_replace(btrim(t.network_name), '\\s+', ' ', 'g'))
      WHERE t.merged_into_id IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."network_members_role_period_key"`);
    await queryRunner.query(`ALTER TABLE "network_members" DROP CONSTRAINT "FK_d4530e7932c19221416afd8bc93"`);
    await queryRunner.query(`ALTER TABLE "network_members" DROP CONSTRAINT "FK_0feaade576d9bce22a3ecf0f077"`);
    await queryRunner.query(`ALTER TABLE "network_members" DROP CONSTRAINT "FK_240ed36e942046faaae89f8012c"`);
    await queryRunner.query(`ALTER TABLE "target_links" DROP CONSTRAINT "FK_cfdd58ad5ea850bf09e31a11917"`);
    await queryRunner.query(`ALTER TABLE "target_links" DROP CONSTRAINT "FK_b8c957ee4abd7e75b3e905d1cad"`);
    await queryRunner.query(`ALTER TABLE "target_links" DROP CONSTRAINT "FK_9d666b168b735d0c2447fdc2a58"`);
    await queryRunner.query(`ALTER TABLE "target_links" DROP CONSTRAINT "FK_5912d14724446204534e330779f"`);
    await queryRunner.query(`ALTER TABLE "networks" DROP CONSTRAINT "FK_80ebbdd69c7907b62f730292208"`);
    await queryRunner.query(`ALTER TABLE "identifiers" DROP CONSTRAINT "FK_e99d34822615c1c74a63eb65669"`);
    await queryRunner.query(`ALTER TABLE "identifiers" DROP CONSTRAINT "FK_2ad10f7cc7654bd2ca39cff7ca2"`);
    await queryRunner.query(`DROP INDEX "public"."network_members_target_idx"`);
    await queryRunner.query(`DROP TABLE "network_members"`);
    await queryRunner.query(`DROP TYPE "public"."network_member_role"`);
    await queryRunner.query(`DROP INDEX "public"."target_links_second_idx"`);
    await queryRunner.query(`DROP INDEX "public"."target_links_operation_status_idx"`);
    await queryRunner.query(`DROP TABLE "target_links"`);
    await queryRunner.query(`DROP TYPE "public"."link_status"`);
    await queryRunner.query(`DROP TYPE "public"."link_type"`);
    await queryRunner.query(`DROP TABLE "link_proposal_dismissals"`);
    await queryRunner.query(`DROP TABLE "networks"`);
    await queryRunner.query(`DROP TYPE "public"."network_status"`);
    await queryRunner.query(`DROP TYPE "public"."modus_operandi"`);
    await queryRunner.query(`DROP INDEX "public"."identifiers_operation_value_idx"`);
    await queryRunner.query(`DROP TABLE "identifiers"`);
    await queryRunner.query(`DROP TYPE "public"."identifier_kind"`);
  }
}
