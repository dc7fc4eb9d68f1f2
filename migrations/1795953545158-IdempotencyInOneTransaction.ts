import type { MigrationInterface, QueryRunner } from 'typeorm';

export class IdempotencyInOneTransaction1795953545158 implements MigrationInterface {
  name = 'IdempotencyInOneTransaction1795953545158';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Keys are now written with their answer, in the work's own transaction: unanswered claims go.
    await queryRunner.query(`DELETE FROM "idempotency_keys" WHERE "status" = 'in_flight'`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP CONSTRAINT "idempotency_keys_status_check"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "claim_token"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "claimed_at"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "response_status" SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ALTER COLUMN "response_status" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "status" text NOT NULL DEFAULT 'done'`);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD "claimed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now()`,
    );
    await queryRunner.query(`ALTER TABLE "idempotency_keys" ADD "claim_token" uuid NOT NULL DEFAULT gen_random_uuid()`);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_status_check" CHECK ((status = ANY (ARRAY['in_flight'::text, 'done'::text])))`,
    );
  }
}
