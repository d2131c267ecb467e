/** The headline numbers of a report as cards. No hooks: renders on the server with the first estimate. */
import type { BatchRampDetail, Report } from '@flopcast/engine';
import { fmtCompact, fmtDays, fmtGiB, fmtPct, fmtSeconds, fmtUsd } from '@/lib/format';

export function HeadlineCards({ report, usdPerGpuHour }: { report: Report; usdPerGpuHour?: number | undefined }) {
  const t = report.totals;
  const m = report.memory;
  const used = m.capacityGiB > 0 ? m.peakGiB / m.capacityGiB : 0;
  // the batch ramp's share of the totals (engine details.batchRamp), when the plan has one
  const ramp = report.details?.['batchRamp'] as BatchRampDetail | null | undefined;
  return (
    <section className="cards" aria-label="Headline numbers" data-testid="headline-cards">
      <div className="card" data-testid="card-gpu-hours">
        <div className="label">GPU-hours</div>
        <div className="value">{fmtCompact(t.gpuHours)}</div>
        <div className="sub">{fmtCompact(t.tokens)} tokens · {fmtCompact(t.steps)} steps</div>
        {ramp ? (
          <div className="sub" data-testid="ramp-note">
            incl. batch ramp from {fmtCompact(ramp.startBatchSize)}: +{fmtCompact(ramp.extraGpuHours)} GPU-h ({ramp.steps.toLocaleString('en-US')} steps)
          </div>
        ) : null}
      </div>
      <div className="card" data-testid="card-days">
        <div className="label">Wall clock</div>
        <div className="value">{fmtDays(t.wallClockDays)}</div>
        <div className="sub">step {fmtSeconds(report.step.seconds)}</div>
      </div>
      <div className="card" data-testid="card-cost">
        <div className="label">Cost</div>
        <div className="value">{fmtUsd(t.costUsd)}</div>
        <div className="sub">{usdPerGpuHour !== undefined ? `at $${usdPerGpuHour}/GPU-h · ` : ''}{t.energyMWh > 0 ? `${fmtCompact(t.energyMWh)} MWh` : ''}</div>
      </div>
      <div className="card" data-testid="card-mfu">
        <div className="label">MFU</div>
        <div className="value">{fmtPct(report.throughput.mfu)}</div>
        <div className="sub">{fmtCompact(report.throughput.modelTflopsPerGpu)} TFLOP/s per GPU · BF16 MFU {fmtPct(report.throughput.mfuBf16)}</div>
      </div>
      <div className={`card${m.fits ? '' : ' bad'}`} data-testid="card-memory">
        <div className="label">Peak memory</div>
        <div className="value">{fmtGiB(m.peakGiB)}</div>
        <div className="sub">of {fmtGiB(m.capacityGiB)} HBM · {m.fits ? 'fits' : 'does not fit'}</div>
        <div className={`meter${used > 1 ? ' over' : ''}`} role="meter" aria-label="Peak memory used" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(used * 100)}>
          <span style={{ width: `${Math.min(100, used * 100)}%` }} />
        </div>
      </div>
      <div className="card" data-testid="card-bubble">
        <div className="label">Pipeline bubble</div>
        <div className="value" data-testid="bubble-fraction" data-value={report.pipeline.bubbleFraction}>{fmtPct(report.pipeline.bubbleFraction)}</div>
        <div className="sub">{report.pipeline.schedule} · {fmtSeconds(report.pipeline.bubbleSeconds)} per step</div>
      </div>
    </section>
  );
}
