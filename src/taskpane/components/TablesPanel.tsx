/**
 * Tables: the detected measure tables and the role of each column, with controls to
 * correct a role, include or exclude a table, or pick the current period. The
 * corrections are edits like any other: previewed, then saved with the settings on Apply.
 */
import { Accordion, AccordionHeader, AccordionItem, AccordionPanel, Field, makeStyles, Select, Switch, Text, tokens } from '@fluentui/react-components';
import { columnLetters } from '../../core/a1';
import { fmt } from '../../core/messages';
import { roleSchema } from '../../core/config/schema';
import type { DetectedTable, RefreshReport } from '../../core/types';
import { plural } from '../controller';
import {
  columnKeyOf,
  excludedTables,
  findTableEntry,
  setColumnRole,
  setCurrentPeriod,
  setTableIncluded,
  tableKeyOf,
  type TableKey,
} from '../config-edit';
import { usePane } from './PaneContext';
import { useSectionStyles } from './RefreshPanel';
import { useFieldStyles } from './fields';
import { tableTitle } from './ThresholdsPanel';

const ROLES = roleSchema.options;

const useStyles = makeStyles({
  card: {
    display: 'flex',
    flexDirection: 'column',
    gap: '6px',
    padding: '8px 0',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  columns: { display: 'flex', flexDirection: 'column', gap: '6px' },
  list: { margin: 0, paddingLeft: '18px' },
});

export function TablesPanel() {
  const { state, controller, m } = usePane();
  const section = useSectionStyles();
  const styles = useStyles();
  const report: RefreshReport | null = state.preview?.report ?? state.baseline;
  if (!state.snapshot || !report) return <Text className={section.muted}>{state.snapshot && !controller.canEdit ? m.savedInvalid.editBlocked : m.tables.notYet}</Text>;
  const config = controller.editing;
  const disabled = state.busy !== null || !controller.canEdit;
  const excluded = excludedTables(config);
  const setIncluded = (key: TableKey, include: boolean) => controller.edit((c) => setTableIncluded(c, key, include));
  return (
    <div key={state.editEpoch}>
      <section className={section.section}>
        <h2 className={section.heading}>{m.tables.heading}</h2>
        <Text className={section.muted}>{m.tables.intro}</Text>
        {report.tables.length === 0 && <Text>{m.tables.none}</Text>}
      </section>
      {report.tables.map((t) => (
        <TableCard key={t.id} table={t} report={report} disabled={disabled} onInclude={setIncluded} />
      ))}
      {excluded.length > 0 && (
        <section className={styles.card} aria-labelledby="excluded-heading">
          <h3 id="excluded-heading" className={section.subheading}>
            {m.tables.excludedHeading}
          </h3>
          {excluded.map((k) => {
            const label = k.excelTable ? fmt(m.tables.excelTable, { sheet: k.sheet, name: k.excelTable }) : fmt(m.tables.table, { sheet: k.sheet, range: k.range ?? '' }).trim();
            return (
              <Switch
                key={`${k.sheet}|${k.excelTable ?? ''}|${k.range ?? ''}`}
                label={fmt(m.tables.includeAgain, { table: label })}
                checked={false}
                disabled={disabled}
                onChange={() => setIncluded(k, true)}
              />
            );
          })}
        </section>
      )}
      {report.skippedSheets.length > 0 && (
        <section className={styles.card} aria-labelledby="skipped-heading">
          <h3 id="skipped-heading" className={section.subheading}>
            {m.tables.skippedHeading}
          </h3>
          <ul className={styles.list}>
            {report.skippedSheets.map((s) => (
              <li key={s.sheet}>
                <Text size={200}>{fmt(m.tables.skipped, { sheet: s.sheet, reason: s.reason })}</Text>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function TableCard({ table, report, disabled, onInclude }: { table: DetectedTable; report: RefreshReport; disabled: boolean; onInclude: (key: TableKey, include: boolean) => void }) {
  const { controller, m } = usePane();
  const section = useSectionStyles();
  const styles = useStyles();
  const key = tableKeyOf(table, report.tables);
  const title = tableTitle(table, m);
  const measures = report.results.filter((r) => r.measure.tableId === table.id).length;
  const periods = table.columns.filter((c) => c.role === 'period');
  const entry = findTableEntry(controller.editing, key);
  const fit = useFieldStyles().fit;
  const headingId = `table-${table.id.replace(/[^A-Za-z0-9]/g, '-')}`;
  return (
    <section className={styles.card} aria-labelledby={headingId} data-testid="table-card">
      <h3 id={headingId} className={section.subheading}>
        {title}
      </h3>
      <Text size={200} className={section.muted}>
        {m.tables.layout[table.layout]} · {plural(m.tables.measureCount, measures)}
      </Text>
      <Switch label={m.tables.include} checked disabled={disabled} onChange={() => onInclude(key, false)} aria-describedby={headingId} />
      {periods.length > 0 && (
        <Field label={m.tables.currentPeriod} className={fit}>
          <Select
            className={fit}
            value={entry?.currentPeriod ?? ''}
            disabled={disabled}
            onChange={(_, data) => controller.edit((c) => setCurrentPeriod(c, key, data.value === '' ? undefined : data.value))}
            aria-describedby={headingId}
          >
            {/* the period the table reports is the latest with data only when no period is chosen */}
            <option value="">{table.currentPeriod && !entry?.currentPeriod ? fmt(m.tables.currentPeriodAuto, { label: table.currentPeriod.label }) : m.tables.currentPeriodNone}</option>
            {periods.map((c) => {
              const label = c.period?.label ?? c.header;
              return (
                <option key={c.col} value={c.header || label}>
                  {label}
                </option>
              );
            })}
          </Select>
        </Field>
      )}
      <Accordion collapsible>
        <AccordionItem value="columns">
          <AccordionHeader size="small">{m.tables.columnsHeading}</AccordionHeader>
          <AccordionPanel>
            <div className={styles.columns}>
              {table.columns
                .filter((c) => c.role !== 'owned')
                .map((c) => {
                  const letter = columnLetters(c.col);
                  return (
                    <Field key={c.col} label={fmt(m.tables.columnRoleShort, { letter, header: c.header })} className={fit}>
                      <Select
                        className={fit}
                        value={c.role}
                        disabled={disabled}
                        aria-label={fmt(m.tables.columnRole, { letter, header: c.header })}
                        onChange={(_, data) => controller.edit((cfg) => setColumnRole(cfg, key, columnKeyOf(table, c.col), data.value))}
                        data-testid={`role-${letter}`}
                      >
                        {ROLES.map((r) => (
                          <option key={r} value={r}>
                            {m.tables.roles[r]}
                          </option>
                        ))}
                      </Select>
                    </Field>
                  );
                })}
            </div>
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}
