/**
 * Thresholds: the defaults, then overrides for one table and one measure, then the
 * change log. Every valid edit goes to the controller's draft and is previewed; the
 * preview bar (PreviewBar) applies or discards.
 */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { fmt } from '../../core/messages';
import { tableSettings, workbookSettings } from '../../core/config/resolve';
import type { Amount, RagConfig, Settings } from '../../core/config/schema';
import type { DetectedTable, RefreshReport } from '../../core/types';
import {
  measureKeyOf,
  scopedSetting,
  setScopedSetting,
  tableChoiceKey,
  tableIdentityOf,
  tableKeyOf,
  tableRange,
  type Scope,
  type SettingPath,
} from '../config-edit';
import { formatAmount } from '../format';
import { measureLabel } from '../engine';
import { AmountField, ChoiceField, PercentField, SwitchField } from './fields';
import { ChangeLog } from './ChangeLog';
import { usePane } from './PaneContext';
import { useSectionStyles } from './RefreshPanel';

const useStyles = makeStyles({
  group: {
    // a fieldset is as wide as its widest content unless told otherwise: keep it to the pane
    minWidth: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: '10px',
    margin: 0,
    padding: '8px 0',
    border: 'none',
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase300, padding: 0, marginBottom: '4px' },
});

const POLARITIES = ['higher', 'lower', 'range', 'none'] as const;

export function tableTitle(t: DetectedTable, m: ReturnType<typeof usePane>['m']): string {
  return t.excelTable ? fmt(m.tables.excelTable, { sheet: t.sheet, name: t.excelTable }) : fmt(m.tables.table, { sheet: t.sheet, range: tableRange(t) });
}

/** "CS2 Care leavers in education", or the name alone. */
function measureName(r: RefreshReport['results'][number], t: ReturnType<typeof usePane>['m']['thresholds']): string {
  return measureLabel(r) === r.measure.name ? r.measure.name : fmt(t.measureOption, { ref: measureLabel(r), name: r.measure.name });
}

export function ThresholdsPanel() {
  const { state, controller, m } = usePane();
  const section = useSectionStyles();
  const report: RefreshReport | null = state.preview?.report ?? state.baseline;
  if (!state.snapshot) {
    return <Text className={section.muted}>{m.thresholds.notYet}</Text>;
  }
  const blocked = !controller.canEdit;
  return (
    <div key={state.editEpoch}>
      <section className={section.section}>
        <h2 className={section.heading}>{m.thresholds.heading}</h2>
        <Text className={section.muted}>{blocked ? m.savedInvalid.editBlocked : m.thresholds.intro}</Text>
      </section>
      {!blocked && (
        <>
          <Defaults config={controller.editing} disabled={state.busy !== null} />
          {report && <Overrides config={controller.editing} report={report} disabled={state.busy !== null} />}
        </>
      )}
      <ChangeLog entries={state.saved.changeLog} />
    </div>
  );
}

function useEdit() {
  const { controller } = usePane();
  return (scope: Scope, path: SettingPath, value: unknown) => controller.edit((c) => setScopedSetting(c, scope, path, value));
}

function Defaults({ config, disabled }: { config: RagConfig; disabled: boolean }) {
  const { messages, m } = usePane();
  const styles = useStyles();
  const edit = useEdit();
  const t = m.thresholds;
  const s = workbookSettings(config);
  const scope: Scope = { level: 'workbook' };
  const set = (path: SettingPath) => (value: unknown) => edit(scope, path, value);
  /** How an input of this group is known when its value is invalid. */
  const ident = (path: SettingPath) => ({ fieldId: `workbook.${path}`, problemName: fmt(t.whatScope.settings, { what: t.what[path] }) });
  return (
    <fieldset className={styles.group} data-testid="defaults">
      <legend className={styles.legend}>{t.defaultsHeading}</legend>
      <AmountField label={t.tolerance} hint={t.toleranceHint} value={s.tolerance} onCommit={(a) => a && set('tolerance')(a)} disabled={disabled} testId="tolerance" {...ident('tolerance')} />
      <ChoiceField
        label={t.polarity}
        hint={t.polarityHint}
        value={s.polarity}
        options={POLARITIES.map((p) => ({ value: p, label: messages.common.polarity[p] }))}
        onChoose={set('polarity')}
        disabled={disabled}
      />
      <SwitchField label={t.inferPolarity} checked={s.inferPolarityFromName} onChange={set('inferPolarityFromName')} disabled={disabled} />
      <SwitchField label={t.brag} hint={t.bragHint} checked={s.brag.enabled} onChange={set('brag.enabled')} disabled={disabled} testId="brag" />
      {s.brag.enabled && (
        <AmountField label={t.bragMargin} hint={t.bragMarginHint} value={s.brag.margin} onCommit={(a) => a && set('brag.margin')(a)} disabled={disabled} {...ident('brag.margin')} />
      )}
      <ChoiceField
        label={t.compareWith}
        value={s.directionOfTravel.compareWith}
        options={(['previous', 'same-period-last-year'] as const).map((v) => ({ value: v, label: t.compare[v] }))}
        onChoose={set('directionOfTravel.compareWith')}
        disabled={disabled}
      />
      <AmountField
        label={t.sustainedBand}
        hint={t.sustainedBandHint}
        value={s.directionOfTravel.sustainedBand}
        onCommit={(a) => a && set('directionOfTravel.sustainedBand')(a)}
        disabled={disabled}
        {...ident('directionOfTravel.sustainedBand')}
      />
      <ChoiceField
        label={t.forecastMethod}
        hint={t.forecastHints[s.forecast.method]}
        value={s.forecast.method}
        options={(['linear', 'average', 'latest', 'cumulative', 'off'] as const).map((v) => ({ value: v, label: t.forecast[v] }))}
        onChoose={set('forecast.method')}
        disabled={disabled}
      />
      {s.forecast.method !== 'off' && (
        <ChoiceField
          label={t.yearStartMonth}
          value={String(s.forecast.yearStartMonth)}
          options={t.months.map((name, i) => ({ value: String(i + 1), label: name }))}
          onChoose={(v) => set('forecast.yearStartMonth')(v === undefined ? undefined : Number(v))}
          disabled={disabled}
        />
      )}
      <ChoiceField
        label={t.overallRule}
        hint={t.overallHints[s.overallRag.rule]}
        value={s.overallRag.rule}
        options={(['mean-score', 'worst', 'majority', 'red-share'] as const).map((v) => ({ value: v, label: t.overall[v] }))}
        onChoose={set('overallRag.rule')}
        disabled={disabled}
        testId="overall-rule"
      />
      {s.overallRag.rule === 'red-share' && (
        <>
          <PercentField
            label={t.redShareForRed}
            value={s.overallRag.redShareForRed}
            check={(v) => (v < s.overallRag.redShareForAmber ? fmt(t.invalid.shareOrder, { amber: s.overallRag.redShareForAmber }) : null)}
            onCommit={set('overallRag.redShareForRed')}
            disabled={disabled}
            {...ident('overallRag.redShareForRed')}
          />
          <PercentField
            label={t.redShareForAmber}
            value={s.overallRag.redShareForAmber}
            onCommit={set('overallRag.redShareForAmber')}
            disabled={disabled}
            {...ident('overallRag.redShareForAmber')}
          />
        </>
      )}
      <SwitchField
        label={t.statisticalTrend}
        hint={t.statisticalTrendHint}
        checked={s.statisticalTrend.enabled}
        onChange={set('statisticalTrend.enabled')}
        disabled={disabled}
      />
      {s.statisticalTrend.enabled && (
        <ChoiceField
          label={t.preset}
          value={s.statisticalTrend.preset}
          options={(['plotthedots', 'nhse-2024'] as const).map((v) => ({ value: v, label: t.presets[v] }))}
          onChoose={set('statisticalTrend.preset')}
          disabled={disabled}
        />
      )}
    </fieldset>
  );
}

/** Tolerance, polarity and BRAG for one table or one measure; empty means "as the level above". */
function OverrideFields({
  config,
  scope,
  inherited,
  level,
  disabled,
  idPrefix,
  fieldScope,
  scopeName,
}: {
  config: RagConfig;
  scope: Scope;
  inherited: Settings;
  level: 'defaults' | 'table';
  disabled: boolean;
  idPrefix: string;
  /** Stable id of the table or measure, for the fields' ids ("table:Place!A15:J22"). */
  fieldScope: string;
  /** A setting's name with the table or measure ("Tolerance – table Place A15:J22"). */
  scopeName: (what: string) => string;
}) {
  const { messages, m } = usePane();
  const edit = useEdit();
  const t = m.thresholds;
  const inherit = (value: string) => fmt(t.inherit, { level: t.levels[level], value });
  const own = (path: SettingPath) => scopedSetting(config, scope, path);
  const bragOwn = own('brag.enabled');
  const bragOn = (bragOwn as boolean | undefined) ?? inherited.brag.enabled;
  const ident = (path: SettingPath) => ({ fieldId: `${fieldScope}.${path}`, problemName: scopeName(t.what[path]) });
  return (
    <>
      <AmountField
        label={t.tolerance}
        value={own('tolerance') as Amount | undefined}
        inheritLabel={inherit(formatAmount(inherited.tolerance, messages))}
        onCommit={(a) => edit(scope, 'tolerance', a)}
        disabled={disabled}
        testId={`${idPrefix}-tolerance`}
        {...ident('tolerance')}
      />
      <ChoiceField
        label={t.polarity}
        value={(own('polarity') as string | undefined) ?? ''}
        inheritLabel={inherit(messages.common.polarity[inherited.polarity])}
        options={POLARITIES.map((p) => ({ value: p, label: messages.common.polarity[p] }))}
        onChoose={(v) => edit(scope, 'polarity', v)}
        disabled={disabled}
        testId={`${idPrefix}-polarity`}
      />
      <ChoiceField
        label={t.brag}
        value={bragOwn === undefined ? '' : bragOwn ? 'on' : 'off'}
        inheritLabel={inherit(inherited.brag.enabled ? t.on : t.off)}
        options={[
          { value: 'on', label: t.on },
          { value: 'off', label: t.off },
        ]}
        onChoose={(v) => edit(scope, 'brag.enabled', v === undefined ? undefined : v === 'on')}
        disabled={disabled}
      />
      {bragOn && (
        <AmountField
          label={t.bragMargin}
          value={own('brag.margin') as Amount | undefined}
          inheritLabel={inherit(formatAmount(inherited.brag.margin, messages))}
          onCommit={(a) => edit(scope, 'brag.margin', a)}
          disabled={disabled}
          {...ident('brag.margin')}
        />
      )}
    </>
  );
}

function Overrides({ config, report, disabled }: { config: RagConfig; report: RefreshReport; disabled: boolean }) {
  const { state, controller, m } = usePane();
  const styles = useStyles();
  const t = m.thresholds;
  // kept by the controller: the choice (and a field left invalid under it) is there again after another section was shown
  const { table: tableId, measure: measureKey } = state.overrides;
  // chosen by sheet and range, not id: an edit of the table's settings can change its id in the preview
  const table = report.tables.find((x) => tableChoiceKey(x) === tableId) ?? null;
  const result = report.results.find((r) => r.measure.key === measureKey) ?? null;
  const measureTable = result ? report.tables.find((x) => x.id === result.measure.tableId) ?? null : null;
  return (
    <>
      <fieldset className={styles.group} data-testid="table-overrides">
        <legend className={styles.legend}>{t.tableOverrides}</legend>
        <ChoiceField
          label={t.tableChoose}
          value={table ? tableChoiceKey(table) : ''}
          inheritLabel={t.tableNone}
          options={report.tables.map((x) => ({ value: tableChoiceKey(x), label: tableTitle(x, m) }))}
          onChoose={(v) => controller.chooseOverride('table', v ?? '')}
          testId="override-table"
        />
        {table && (
          <OverrideFields
            key={tableChoiceKey(table)}
            config={config}
            scope={{ level: 'table', key: tableKeyOf(table, report.tables) }}
            inherited={workbookSettings(config)}
            level="defaults"
            disabled={disabled}
            idPrefix="table"
            fieldScope={`table:${tableChoiceKey(table)}`}
            scopeName={(what) => fmt(t.whatScope.table, { what, table: tableTitle(table, m) })}
          />
        )}
      </fieldset>
      <fieldset className={styles.group} data-testid="measure-overrides">
        <legend className={styles.legend}>{t.measureOverrides}</legend>
        <ChoiceField
          label={t.measureChoose}
          // a measure's name is often longer than the box: the chosen one in full under it
          hint={result ? measureName(result, t) : undefined}
          value={result ? result.measure.key : ''}
          inheritLabel={t.measureNone}
          options={report.results.map((r) => ({ value: r.measure.key, label: measureName(r, t) }))}
          onChoose={(v) => controller.chooseOverride('measure', v ?? '')}
          testId="override-measure"
        />
        {result && (
          <OverrideFields
            key={result.measure.key}
            config={config}
            scope={{ level: 'measure', key: measureKeyOf(result) }}
            inherited={measureTable ? tableSettings(config, tableIdentityOf(measureTable)) : workbookSettings(config)}
            level={measureTable ? 'table' : 'defaults'}
            disabled={disabled}
            idPrefix="measure"
            fieldScope={`measure:${result.measure.key}`}
            scopeName={(what) => fmt(t.whatScope.measure, { what, measure: measureName(result, t) })}
          />
        )}
      </fieldset>
    </>
  );
}
