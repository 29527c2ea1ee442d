/**
 * Plan tables in, and plans linked across levels (issue #15):
 * - a plan may name the plan above it (a city's plan carries out the province's), and each of its tasks the higher
 *   task it carries out (tasks.parent_task_id: from a 省序号 column, "序号8(市序号9)", or a choice in the preview);
 * - unit_aliases remembers how a name written in an office's tables maps to an org unit ("市环保局" → 抚顺市生态环境局),
 *   chosen once in an import preview and applied to the next import of the same unit's tables.
 */
import type { Kysely } from 'kysely';
import type { Dialect } from '../connection.js';

type Db = Kysely<unknown>;

export function planLinksMigration(dialect: Dialect) {
  return {
    async up(db: Db): Promise<void> {
      await db.schema.alterTable('plans').addColumn('parent_plan_id', 'integer', (c) => c.references('plans.id').onDelete('set null')).execute();
      await db.schema.alterTable('tasks').addColumn('parent_task_id', 'integer', (c) => c.references('tasks.id').onDelete('set null')).execute();
      await db.schema.createIndex('tasks_parent_task').on('tasks').column('parent_task_id').execute();
      await db.schema.createIndex('plans_parent_plan').on('plans').column('parent_plan_id').execute();

      let t = db.schema.createTable('unit_aliases');
      t = dialect === 'postgres' ? t.addColumn('id', 'serial', (c) => c.primaryKey()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
      await t
        // The unit whose tables use the name (the plan owner): the same words may mean another unit elsewhere.
        .addColumn('scope_org_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('alias', 'text', (c) => c.notNull())
        .addColumn('org_unit_id', 'integer', (c) => c.notNull().references('org_units.id'))
        .addColumn('created_by', 'integer', (c) => c.references('users.id'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('unit_aliases_scope_alias').on('unit_aliases').columns(['scope_org_id', 'alias']).unique().execute();
    },
    async down(db: Db): Promise<void> {
      await db.schema.dropTable('unit_aliases').ifExists().execute();
      await db.schema.dropIndex('plans_parent_plan').ifExists().execute();
      await db.schema.dropIndex('tasks_parent_task').ifExists().execute();
      await db.schema.alterTable('tasks').dropColumn('parent_task_id').execute();
      await db.schema.alterTable('plans').dropColumn('parent_plan_id').execute();
    },
  };
}
