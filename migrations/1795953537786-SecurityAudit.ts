import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SecurityAudit1795953537786 implements MigrationInterface {
  name = 'SecurityAudit1795953537786';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "revoked_tokens" ("jti" uuid NOT NULL, "user_id" uuid NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_b18aa48269f87cafba8c6310624" PRIMARY KEY ("jti"))`,
    );
    await queryRunner.query(`CREATE INDEX "revoked_tokens_expires_at_idx" ON "revoked_tokens"  ("expires_at") `);
    await queryRunner.query(
      `CREATE TABLE "audit_seals" ("seq" bigint NOT NULL, "entry_id" bigint NOT NULL, "chain_hash" text NOT NULL, "sealed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_aff25554aaf30a8c0f1d15e8f8d" UNIQUE ("entry_id"), CONSTRAINT "PK_984a8f9a6be3eecbe41144634af" PRIMARY KEY ("seq"))`,
    );
    await queryRunner.query(`ALTER TABLE "audit_entries" ADD "txid" bigint NOT NULL DEFAULT txid_current()`);
    await queryRunner.query(`ALTER TABLE "users" ADD "token_generation" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`CREATE INDEX "audit_entries_txid_idx" ON "audit_entries"  ("txid", "id") `);
    await queryRunner.query(`CREATE INDEX "audit_entries_actor_idx" ON "audit_entries"  ("actor_id", "at") `);

    // Append-only: triggers bind every role, superusers included, unless deliberately disabled.
    await queryRunner.query(`CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of ['audit_entries', 'audit_seals']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_change BEFORE UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION audit_append_only()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only()`,
      );
      await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON "${table}" FROM PUBLIC`);
    }
    // The content an audit link covers, in a form that does not depend on session settings.
    await queryRunner.query(`CREATE FUNCTION audit_entry_digest(e audit_entries) RETURNS text LANGUAGE sql STABLE AS $$
      SELECT encode(sha256(convert_to(jsonb_build_array(
        e.id::text, to_char(e.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), e.actor_id, e.actor_role,
        e.actor_country, e.action, e.entity_type, e.entity_id, e.before, e.after, e.request_id, e.txid::text
      )::text, 'UTF8')), 'hex')
    $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION audit_entry_digest(audit_entries)`);
    for (const table of ['audit_entries', 'audit_seals']) {
      await queryRunner.query(`DROP TRIGGER ${table}_no_truncate ON "${table}"`);
      await queryRunner.query(`DROP TRIGGER ${table}_no_change ON "${table}"`);
    }
    await queryRunner.query(`DROP FUNCTION audit_append_only()`);
    await queryRunner.query(`DROP INDEX "public"."audit_entries_actor_idx"`);
    await queryRunner.query(`DROP INDEX "public"."audit_entries_txid_idx"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "token_generation"`);
    await queryRunner.query(`ALTER TABLE "audit_entries" DROP COLUMN "txid"`);
    await queryRunner.query(`DROP TABLE "audit_seals"`);
    await queryRunner.query(`DROP INDEX "public"."revoked_tokens_expires_at_idx"`);
    await queryRunner.query(`DROP TABLE "revoked_tokens"`);
  }
}
