import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';

const escape = (sql: string) => sql.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${');

/**
 * Compares the entities with a migrated database and writes the difference as a migration in
 * `migrations/`, for a developer to review and add to `migrations/index.ts`.
 */
export async function generateMigration(options: DataSourceOptions, name: string): Promise<string | null> {
  if (!/^[A-Z][A-Za-z0-9]+$/.test(name)) throw new Error('Migration name must be PascalCase, e.g. AddTargets');
  const dataSource = await new DataSource(options).initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    if (sql.upQueries.length === 0) return null;
    const timestamp = Date.now();
    const className = `${name}${timestamp}`;
    const up = sql.upQueries.map((query) => `    await queryRunner.query(\`${escape(query.query)}\`);`).join('\n');
    const down = sql.downQueries
      .reverse()
      .map((query) => `    await queryRunner.query(\`${escape(query.query)}\`);`)
      .join('\n');
    const file = join(process.cwd(), 'migrations', `${timestamp}-${name}.ts`);
    await writeFile(
      file,
      `import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ${className} implements MigrationInterface {
  name = '${className}';

  async up(queryRunner: QueryRunner): Promise<void> {
${up}
  }

  async down(queryRunner: QueryRunner): Promise<void> {
${down}
  }
}
`,
    );
    return file;
  } finally {
    await dataSource.destroy();
  }
}
