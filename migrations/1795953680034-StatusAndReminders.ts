import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StatusAndReminders1795953680034 implements MigrationInterface {
  name = 'StatusAndReminders1795953680034';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "operation_status_snapshots" ("id" BIGSERIAL NOT NULL, "operation_id" uuid NOT NULL, "computed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "figures" jsonb NOT NULL, CONSTRAINT "PK_2ac096ab4c6dbb30ba9b541422f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "operation_status_snapshots_latest_idx" ON "operation_status_snapshots"  ("operation_id", "computed_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "reminders" ("key" text NOT NULL, "kind" text NOT NULL, "status" text NOT NULL DEFAULT 'pending', "operation_id" uuid NOT NULL, "task_id" uuid, "notice_request_id" uuid, "country" character(2), "recipients" text array NOT NULL DEFAULT '{}', "error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "queued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0c7b5f38a007bfc3392375faf7e" PRIMARY KEY ("key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "reminders_pending_idx" ON "reminders"  ("queued_at") WHERE status = 'pending'`,
    );
    await queryRunner.query(
      `CREATE INDEX "reminders_operation_status_idx" ON "reminders"  ("operation_id", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "leads_rollup_idx" ON "leads"  ("operation_id", "reporting_country", "status", "created_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "tasks_rollup_idx" ON "tasks"  ("operation_id", "assigned_country", "status", "due_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "operation_status_snapshots" ADD CONSTRAINT "FK_fcc18e28c02d655f33451e47e0e" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "reminders" ADD CONSTRAINT "FK_2cdf9e05c9245f30256c8bd5ffd" FOREIGN KEY ("operation_id") REFERENCES "operations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "reminders" DROP CONSTRAINT "FK_2cdf9e05c9245f30256c8bd5ffd"`);
    await queryRunner.query(
      `ALTER TABLE "operation_status_snapshots" DROP CONSTRAINT "FK_fcc18e28c02d655f33451e47e0e"`,
    );
    await queryRunner.query(`DROP INDEX "public"."tasks_rollup_idx"`);
    await queryRunner.query(`DROP INDEX "public"."leads_rollup_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_operation_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."reminders_pending_idx"`);
    await queryRunner.query(`DROP TABLE "reminders"`);
    await queryRunner.query(`DROP INDEX "public"."operation_status_snapshots_latest_idx"`);
    await queryRunner.query(`DROP TABLE "operation_status_snapshots"`);
  }
}
