import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The target list's sorts read their order from an index: each sort's columns, then the reference. */
export class TargetListSorts1796200000000 implements MigrationInterface {
  name = 'TargetListSorts1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."targets_operation_status_idx"`);
    await queryRunner.query(`DROP INDEX "public"."targets_operation_wanted_by_idx"`);
    await queryRunner.query(
      `CREATE INDEX "targets_operation_status_idx" ON "targets" ("operation_id", "status", "reference") `,
    );
    await queryRunner.query(
      `CREATE INDEX "targets_operation_wanted_by_idx" ON "targets" ("operation_id", "wanted_by_country", "reference") `,
    );
    await queryRunner.query(
      `CREATE INDEX "targets_operation_name_idx" ON "targets" ("operation_id", "family_name", "given_names", "reference") `,
    );
    await queryRunner.query(
      `CREATE INDEX "targets_operation_updated_idx" ON "targets" ("operation_id", "updated_at", "reference") `,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."targets_operation_updated_idx"`);
    await queryRunner.query(`DROP INDEX "public"."targets_operation_name_idx"`);
    await queryRunner.query(`DROP INDEX "public"."targets_operation_wanted_by_idx"`);
    await queryRunner.query(`DROP INDEX "public"."targets_operation_status_idx"`);
    await queryRunner.query(
      `CREATE INDEX "targets_operation_wanted_by_idx" ON "targets" ("operation_id", "wanted_by_country") `,
    );
    await queryRunner.query(`CREATE INDEX "targets_operation_status_idx" ON "targets" ("operation_id", "status") `);
  }
}
