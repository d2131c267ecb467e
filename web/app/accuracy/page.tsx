import type { Metadata } from 'next';
import { fmtNumber, fmtSignedPct } from '@/lib/format';
import { loadAccuracyOnce, type AccuracySet, type SourceReading } from '@/lib/accuracy';
import type { HardwareChecks } from '@/lib/hardware';

export const metadata: Metadata = { title: 'Accuracy' };

function errorClass(pct: number): string | undefined {
  const a = Math.abs(pct);
  return a > 25 ? 'err-high' : a > 10 ? 'err-mid' : undefined;
}

/** An error in percent, coloured by size (above 10%, above 25%). */
function ErrorCell({ pct }: { pct: number }) {
  return <td className={errorClass(pct)}>{fmtSignedPct(pct / 100)}</td>;
}

function SetTable({ set }: { set: AccuracySet }) {
  return (
    <div className="table-scroll">
      <table className="data" data-testid={`accuracy-${set.id}`}>
        <thead>
          <tr>
            <th>Case</th>
            <th>Metric</th>
            <th>Published</th>
            <th>Predicted</th>
            <th>Error</th>
            <th style={{ textAlign: 'left' }}>Stack</th>
          </tr>
        </thead>
        <tbody>
          {set.rows.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <td className="muted">{r.metric}</td>
              <td>{fmtNumber(r.published, 4)}</td>
              <td>{fmtNumber(r.predicted, 4)}</td>
              <ErrorCell pct={r.errorPct} />
              <td style={{ textAlign: 'left' }} className={r.stack.from === 'gpu-profile' ? 'muted' : undefined} title={r.stack.from === 'gpu-profile' ? "the GPU profile's default stack: the case names none" : 'stated by the case'}>
                {r.stack.framework}{r.stack.from === 'gpu-profile' ? ' (GPU default)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HardwareTable({ hw }: { hw: HardwareChecks }) {
  return (
    <section id="hardware" className="panel">
      <details open>
        <summary>
          <strong>Against real hardware</strong> — {hw.rows.length} decoder layers timed on an {hw.device} ({hw.date})
        </summary>
        <p className="muted small">
          Forward + backward of one layer, timed with {hw.software} (<code>engine/measurements/</code>, script and raw
          data committed), against this engine&apos;s per-layer cost for the same shape on the same GPU profile. Error =
          (model − measured) / measured.
        </p>
        <div className="table-scroll">
          <table className="data" data-testid="accuracy-hardware">
            <thead>
              <tr>
                <th>Layer</th>
                <th>How it ran</th>
                <th>Measured</th>
                <th>Engine</th>
                <th>Error</th>
              </tr>
            </thead>
            <tbody>
              {hw.rows.map((r) => (
                <tr key={`${r.layer} ${r.how}`}>
                  <td>{r.layer}</td>
                  <td className="muted">{r.how}</td>
                  <td>
                    {fmtNumber(r.measuredMs, 3)} ms <span className="muted small">({r.measuredAs})</span>
                  </td>
                  <td>{fmtNumber(r.modelMs, 3)} ms</td>
                  <ErrorCell pct={r.errorPct} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}

function ReadingsTable({ readings }: { readings: SourceReading[] }) {
  return (
    <section className="panel" id="readings" aria-labelledby="h-readings">
      <h2 id="h-readings">Calibration cases read as their sources ran them</h2>
      <p className="muted small" style={{ marginTop: 0 }}>
        Some sources state a software stack, hardware or FLOP convention that the case&apos;s plan cannot carry, or a
        pipeline layout other than the one the case assumed. Read in
        those terms (<code>engine/validation/calibration-readings.json</code>; <code>flopcast calibrate --readings</code>),
        the cases below are held within 25% by the engine&apos;s tests. The calibration table above reports them as defined.
      </p>
      <div className="table-scroll">
        <table className="data" data-testid="accuracy-readings">
          <thead>
            <tr>
              <th>Case</th>
              <th>As defined</th>
              <th>As the source ran it</th>
              <th style={{ textAlign: 'left' }}>Read with</th>
            </tr>
          </thead>
          <tbody>
            {readings.map((r) => (
              <tr key={r.id}>
                <td>{r.id}</td>
                <ErrorCell pct={r.asDefined.errorPct} />
                <ErrorCell pct={r.asSource.errorPct} />
                <td style={{ textAlign: 'left', whiteSpace: 'normal', minWidth: '22rem' }}>
                  {r.how}
                  <div className="muted small">{r.because}</div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export default function AccuracyPage() {
  const { sets, missing, hardware, readings } = loadAccuracyOnce();
  return (
    <div className="stack">
      <h1>Accuracy</h1>
      <p className="muted">
        This build of the engine against published training runs, with one set of efficiency parameters per GPU and
        link profile and no per-run factors. The held-out sets were not used to set any number; the same figures come
        from <code>npx flopcast calibrate [folder]</code>. Error = (predicted − published) / published: positive means
        predicted too fast for throughput and MFU metrics, too slow for step times and GPU-hours.
      </p>
      {missing.length > 0 && (
        <p className="notice" role="status">
          Not found when the dashboard was built: {missing.join(', ')}.
        </p>
      )}
      <div className="table-scroll panel">
        <table className="data" data-testid="accuracy-summary">
          <thead>
            <tr>
              <th>Set</th>
              <th>Runs</th>
              <th>Median |error|</th>
              <th>Mean signed error</th>
              <th>Within ±25%</th>
            </tr>
          </thead>
          <tbody>
            {sets.map((s) => (
              <tr key={s.id}>
                <td><a href={`#${s.id}`}>{s.title}</a></td>
                <td>{s.rows.length}</td>
                <td>{s.medianAbsErrorPct.toFixed(1)} %</td>
                <td>{fmtSignedPct(s.meanErrorPct / 100)}</td>
                <td>{s.within25} of {s.rows.length}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hardware && <HardwareTable hw={hardware} />}
      {readings && readings.length > 0 && <ReadingsTable readings={readings} />}
      {sets.map((s) => (
        <section key={s.id} id={s.id} className="panel">
          <details open={s.id === 'calibration'}>
            <summary>
              <strong>{s.title}</strong> — {s.rows.length} runs, median |error| {s.medianAbsErrorPct.toFixed(1)} %
            </summary>
            <p className="muted small">{s.about}</p>
            <SetTable set={s} />
          </details>
        </section>
      ))}
    </div>
  );
}
