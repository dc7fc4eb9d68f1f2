import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Login limits without Redis: rate-limiter-flexible's Postgres store keeps its counts here (no entity). */
export class RateLimits1796188902754 implements MigrationInterface {
  name = 'RateLimits1796188902754';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "rate_limits" ("key" varchar(255) PRIMARY KEY, "points" integer NOT NULL DEFAULT 0, "expire" bigint)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
  }
}
