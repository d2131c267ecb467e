/**
 * Built-in GPU profiles. Every number carries its source in `sources`.
 * Facts are taken from ../shared/deepseek-v3-and-hardware.md §8 (which cites the vendor pages, mostly via
 * stas00/ml-engineering @744d01e `compute/accelerator/README.md`, abbreviated [mleng]).
 *
 * Usable memory (`memoryGiB`): the HBM of these parts is built from binary-sized stacks, so the vendor's "80 GB"
 * is 80 GiB of physical HBM. The driver/ECC reserve is taken from the only CUDA-reported capacity among the
 * sources: the DeepSeek H800 profiler trace reports totalGlobalMem = 84,943,110,144 B = 79.11 GiB for an 80 GiB part
 * (deepseek-ai/profile-data @4496024 train.json), i.e. 0.89 GiB reserved. usable GiB = nominal − 0.89 for every
 * part (one rule, no per-GPU tuning). Derived, documented here once.
 *
 * Prices are dated market snapshots (deepseek-v3-and-hardware.md §8.3), not quotes.
 */
import { GPU_EFFICIENCY } from './gpu-efficiency.js';
import type { GpuProfile, Sources } from './types.js';

/** GiB the driver and ECC keep from an HBM part: 80 GiB − 84,943,110,144 B (H800 trace totalGlobalMem). */
export const RESERVED_GIB = 80 - 84_943_110_144 / 2 ** 30;

const MLENG = 'stas00/ml-engineering @744d01e compute/accelerator/README.md';
/** Host links (CPU activation offloading): nominal rates and the measured copy-engine fraction. */
const PCIE5 = { bandwidthGBs: 63, efficiency: 0.88 };
const PCIE4 = { bandwidthGBs: 31, efficiency: 0.88 };
const PCIE5_SRC = 'PCIe Gen5 x16 to the host CPU: 63 GB/s per direction (stas00/ml-engineering @744d01e network/README.md intra-node table, deepseek-v3-and-hardware.md §8.2)';
const PCIE4_SRC = 'PCIe Gen4 x16 to the host CPU: 31 GB/s per direction (stas00/ml-engineering @744d01e network/README.md intra-node table, deepseek-v3-and-hardware.md §8.2)';
const HOST_COPY = 'nvbandwidth host_to_device_memcpy_ce on an H200: 55.43 GB/s = 0.88 of PCIe Gen5 (stas00/ml-engineering network/README.md; kernel-efficiency-facts.md §4.2) [measured]';
/** Grace Blackwell: one Grace CPU per two GPUs over NVLink-C2C. */
const C2C = { bandwidthGBs: 225, efficiency: 0.88 };
const C2C_SRC = 'NVLink-C2C between the Grace CPU and its two Blackwell GPUs, 900 GB/s bidirectional per superchip (NVIDIA GB200 NVL72 specifications; 450 GB/s per direction for one Hopper GPU on GH200, datacrunch.io GH200 memcpy analysis citing the NVIDIA Grace Hopper architecture paper): 900 / 2 directions / 2 GPUs = 225 GB/s per GPU per direction [derived; a per-GPU split of the superchip link, not a measured rate]';
const C2C_COPY = 'the copy-engine fraction measured for PCIe Gen5 (0.88, nvbandwidth on an H200) [assumed for NVLink-C2C: no Grace Blackwell host-copy measurement is published in the shared facts]';
const USABLE = (nominal: number) =>
  `nominal ${nominal} GB (binary stacks) − ${RESERVED_GIB.toFixed(2)} GiB driver/ECC reserve derived from the H800 trace totalGlobalMem 84,943,110,144 B (deepseek-ai/profile-data train.json)`;

function usable(nominalGiB: number): number {
  return Math.round((nominalGiB - RESERVED_GIB) * 100) / 100;
}

type GpuData = Omit<GpuProfile, 'efficiency'>;

function withEfficiency(g: GpuData): GpuProfile {
  const eff = GPU_EFFICIENCY[g.id];
  if (!eff) throw new Error(`catalog: no efficiency entry for GPU ${g.id}`);
  const sources: Sources = { ...g.sources, ...eff.sources };
  return { ...g, efficiency: eff.efficiency, sources };
}

const DATA: GpuData[] = [
  {
    id: 'a100-sxm-40gb',
    vendor: 'nvidia',
    name: 'NVIDIA A100 SXM4 40GB',
    peakTflops: { bf16: 312 },
    memoryGiB: usable(40),
    hbmBandwidthGBs: 1555,
    sms: 108,
    scaleUpBandwidthGBs: 300,
    tdpWatts: 400,
    hostLink: PCIE4,
    usdPerGpuHour: 1.1,
    priceSnapshotDate: '2026-05',
    defaults: { gpusPerNode: 8, intraNode: 'nvswitch-a100', interNode: 'ib-hdr' },
    sources: {
      'hostLink.bandwidthGBs': PCIE4_SRC,
      'hostLink.efficiency': HOST_COPY,
      peakTflops: `${MLENG} via nvidia.com/en-us/data-center/a100 (312 dense BF16, 624 with sparsity; no FP8)`,
      memoryGiB: USABLE(40),
      hbmBandwidthGBs: 'NVIDIA A100 datasheet (40GB SXM: 1,555 GB/s HBM2)',
      sms: 'NVIDIA A100 Tensor Core GPU Architecture whitepaper: 108 SMs',
      scaleUpBandwidthGBs: `${MLENG}: NVLink3 600 GB/s bidirectional = 300 GB/s per direction`,
      tdpWatts: `${MLENG} via nvidia.com/en-us/data-center/a100: 400 W`,
      usdPerGpuHour: 'snapshot: A100 80GB long-tail $0.80-1.10/h, mercatus-ai.com/blog/cloud-gpu-pricing (May 2026); 40GB priced at the top of that band',
    },
  },
  {
    id: 'a100-sxm-80gb',
    vendor: 'nvidia',
    name: 'NVIDIA A100 SXM4 80GB',
    peakTflops: { bf16: 312 },
    memoryGiB: usable(80),
    hbmBandwidthGBs: 2039,
    sms: 108,
    scaleUpBandwidthGBs: 300,
    tdpWatts: 400,
    hostLink: PCIE4,
    usdPerGpuHour: 1.5,
    priceSnapshotDate: '2026-05',
    defaults: { gpusPerNode: 8, intraNode: 'nvswitch-a100', interNode: 'ib-hdr' },
    sources: {
      'hostLink.bandwidthGBs': PCIE4_SRC,
      'hostLink.efficiency': HOST_COPY,
      peakTflops: `${MLENG} via nvidia.com/en-us/data-center/a100 (312 dense BF16; no FP8)`,
      memoryGiB: USABLE(80),
      hbmBandwidthGBs: 'NVIDIA A100 datasheet 2,039 GB/s via glennklockwood.com/garden/processors/A100 (deepseek-v3-and-hardware.md §8.1)',
      sms: 'NVIDIA A100 architecture whitepaper: 108 SMs',
      scaleUpBandwidthGBs: `${MLENG}: NVLink3 600 GB/s bidir (300 uni)`,
      tdpWatts: `${MLENG}: 400 W`,
      usdPerGpuHour: 'snapshot: $1.10-1.50/h specialty clouds, mercatus-ai.com/blog/cloud-gpu-pricing (May 2026)',
    },
  },
  {
    id: 'h100-sxm',
    vendor: 'nvidia',
    name: 'NVIDIA H100 SXM5 80GB',
    peakTflops: { bf16: 989, fp8: 1979 },
    memoryGiB: usable(80),
    hbmBandwidthGBs: 3350,
    sms: 132,
    scaleUpBandwidthGBs: 450,
    tdpWatts: 700,
    hostLink: PCIE5,
    usdPerGpuHour: 2.95,
    priceSnapshotDate: '2026-05-20',
    defaults: { gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'ib-ndr' },
    sources: {
      'hostLink.bandwidthGBs': PCIE5_SRC,
      'hostLink.efficiency': HOST_COPY,
      peakTflops: `${MLENG} via nvidia.com/en-us/data-center/h100: BF16 989 / FP8 1,979 dense (1,979 / 3,958 with sparsity)`,
      memoryGiB: USABLE(80),
      hbmBandwidthGBs: `${MLENG}: 3.35 TB/s HBM3`,
      sms: `${MLENG}: 132 SMs`,
      scaleUpBandwidthGBs: `${MLENG}: NVLink4 900 GB/s bidir (450 uni), 18 links`,
      tdpWatts: `${MLENG}: 700 W max TDP`,
      usdPerGpuHour: 'snapshot: cohort median ~$2.95/h over 37 providers, aimultiple.com/gpu-index (2026-05-20)',
    },
  },
  {
    id: 'h100-hbm2e-96gb',
    vendor: 'nvidia',
    name: 'NVIDIA H100 96GB HBM2e, 500 W (Meta Grand Teton)',
    peakTflops: { bf16: 989, fp8: 1979 },
    memoryGiB: usable(96),
    hbmBandwidthGBs: 2400,
    sms: 132,
    scaleUpBandwidthGBs: 450,
    tdpWatts: 500,
    hostLink: PCIE5,
    usdPerGpuHour: 2.95,
    priceSnapshotDate: '2026-05-20',
    defaults: { gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'roce-400' },
    sources: {
      'hostLink.bandwidthGBs': PCIE5_SRC,
      'hostLink.efficiency': HOST_COPY,
      peakTflops:
        'same H100 SXM5 die as h100-sxm (datasheet peaks at full clock); the 500 W limit lowers the sustained clock under heavy GEMM load, which no published figure quantifies, so it is not modelled: compute-bound estimates on this part are optimistic by that much',
      memoryGiB: `torchtitan benchmarks/llama3_h100_202412_torchtitan.md via kernel-efficiency-facts.md §6 ("Conditions"): "Grand Teton H100 96 GB HBM2e"; ${USABLE(96)}`,
      hbmBandwidthGBs: 'torchtitan benchmark documents via kernel-efficiency-facts.md §6 ("Conditions"): HBM2e, 2.4 TB/s',
      sms: `${MLENG}: 132 SMs (H100 SXM5)`,
      scaleUpBandwidthGBs: `${MLENG}: NVLink4 900 GB/s bidir (450 uni), as the H100 SXM5`,
      tdpWatts: 'torchtitan benchmark documents via kernel-efficiency-facts.md §6 ("Conditions"): 500 W cap',
      usdPerGpuHour: 'no market for this Meta-internal variant: the H100 SXM snapshot (aimultiple.com/gpu-index, 2026-05-20)',
    },
  },
  {
    id: 'h800-sxm',
    vendor: 'nvidia',
    name: 'NVIDIA H800 SXM5 80GB',
    peakTflops: { bf16: 989, fp8: 1979 },
    memoryGiB: Math.round((84_943_110_144 / 2 ** 30) * 100) / 100,
    hbmBandwidthGBs: 3350,
    sms: 132,
    scaleUpBandwidthGBs: 200,
    tdpWatts: 700,
    hostLink: PCIE5,
    usdPerGpuHour: 2,
    priceSnapshotDate: '2024-12',
    defaults: { gpusPerNode: 8, intraNode: 'nvswitch-h800', interNode: 'ib-ndr' },
    sources: {
      'hostLink.bandwidthGBs': PCIE5_SRC,
      'hostLink.efficiency': HOST_COPY,
      peakTflops: 'same silicon as H100 SXM (no NVIDIA datasheet found); DeepGEMM reaches 1,550 FP8 TFLOPS on H800 (deepseek-v3-and-hardware.md §8.1, §4.1)',
      memoryGiB: 'CUDA totalGlobalMem 84,943,110,144 B = 79.11 GiB (deepseek-ai/profile-data @4496024 train.json)',
      hbmBandwidthGBs: 'no official figure; assumed = H100 SXM 3.35 TB/s (kernel-efficiency-facts.md §3)',
      sms: 'DeepSeek-V3 arXiv 2412.19437 §3.5.1 and profile trace deviceProperties.numSms = 132',
      scaleUpBandwidthGBs: 'nominal 400 GB/s bidirectional = 200 GB/s per direction (philisun.com H800-vs-H100, deepseek-v3-and-hardware.md §9.5); DeepSeek-V3 §3.2.2 quotes 160 GB/s achievable',
      tdpWatts: 'not published; assumed = H100 SXM 700 W',
      usdPerGpuHour: 'DeepSeek-V3 Table 1 rental assumption $2/GPU-hour (Dec 2024)',
    },
  },
  {
    id: 'h200-sxm',
    vendor: 'nvidia',
    name: 'NVIDIA H200 SXM 141GB',
    peakTflops: { bf16: 989, fp8: 1979 },
    memoryGiB: usable(141),
    hbmBandwidthGBs: 4800,
    sms: 132,
    scaleUpBandwidthGBs: 450,
    tdpWatts: 700,
    hostLink: PCIE5,
    usdPerGpuHour: 3.5,
    priceSnapshotDate: '2026-05',
    defaults: { gpusPerNode: 8, intraNode: 'nvswitch-h100', interNode: 'ib-ndr' },
    sources: {
      'hostLink.bandwidthGBs': PCIE5_SRC,
      'hostLink.efficiency': HOST_COPY,
      peakTflops: `${MLENG} via nvidia.com/en-us/data-center/h200: BF16 989 / FP8 1,979 dense`,
      memoryGiB: USABLE(141),
      hbmBandwidthGBs: `${MLENG}: 4.8 TB/s HBM3e`,
      sms: 'same GH100 die as H100 SXM: 132 SMs',
      scaleUpBandwidthGBs: 'MLCommons inference_results_v4.1 H200-SXM-141GBx8_TRT_MaxQ.json: 18x NVLink4 900 GB/s (450 uni)',
      tdpWatts: 'MLCommons inference_results_v4.1 H200 system JSON: TGP 700 W',
      usdPerGpuHour: 'snapshot: $2.50-3.50/h long-tail tier, mercatus-ai.com/blog/cloud-gpu-pricing (May 2026)',
    },
  },
  {
    id: 'b200',
    vendor: 'nvidia',
    name: 'NVIDIA B200 SXM 180GB',
    peakTflops: { bf16: 2250, fp8: 4500, fp4: 9000 },
    memoryGiB: usable(180),
    hbmBandwidthGBs: 8000,
    sms: 148,
    scaleUpBandwidthGBs: 900,
    tdpWatts: 1000,
    hostLink: PCIE5,
    usdPerGpuHour: 6.03,
    priceSnapshotDate: '2026-03-17',
    defaults: { gpusPerNode: 8, intraNode: 'nvswitch-b200', interNode: 'ib-ndr' },
    sources: {
      'hostLink.bandwidthGBs': PCIE5_SRC,
      'hostLink.efficiency': HOST_COPY,
      peakTflops: `${MLENG} via DGX B200 datasheet: BF16 2,250 / FP8 4,500 / FP4 9,000 dense`,
      memoryGiB: `${USABLE(180)}; 180 GB per DGX/HGX docs (192 GB in some NVIDIA docs, deepseek-v3-and-hardware.md §9.10)`,
      hbmBandwidthGBs: `${MLENG}: 8.0 TB/s HBM3e`,
      sms: '148 SMs: commonly reported B200 deviceQuery value (not in the shared fact sheets; used only for SM-share arithmetic)',
      scaleUpBandwidthGBs: `${MLENG}: NVLink5 1.8 TB/s bidir (900 uni)`,
      tdpWatts: `${MLENG} via docs.nvidia.com/dgx/dgxb200-user-guide/power-capping.html: 1,000 W max TGP`,
      usdPerGpuHour: 'snapshot: Spheron $6.03/h, spheron.network blog (2026-03-17)',
    },
  },
  {
    id: 'gb200',
    vendor: 'nvidia',
    name: 'NVIDIA GB200 (per Blackwell GPU, NVL72)',
    peakTflops: { bf16: 2500, fp8: 5000, fp4: 10000 },
    memoryGiB: usable(186),
    hbmBandwidthGBs: 8000,
    sms: 148,
    scaleUpBandwidthGBs: 900,
    tdpWatts: 1200,
    hostLink: C2C,
    usdPerGpuHour: 4.54,
    priceSnapshotDate: '2026-03-17',
    defaults: { gpusPerNode: 72, intraNode: 'nvl72-gb200', interNode: 'ib-ndr' },
    sources: {
      'hostLink.bandwidthGBs': C2C_SRC,
      'hostLink.efficiency': C2C_COPY,
      peakTflops: `${MLENG} via nvidia.com/en-us/data-center/gb200-nvl72: 2.5 / 5 / 10 PF dense BF16/FP8/FP4 per GPU`,
      memoryGiB: `${USABLE(186)} (186 GB per GPU, ${MLENG})`,
      hbmBandwidthGBs: `${MLENG}: 8.0 TB/s`,
      sms: 'same Blackwell die as B200: 148 SMs',
      scaleUpBandwidthGBs: `${MLENG}: NVLink5 1.8 TB/s bidir (900 uni) per GPU; NVL72 rack 130 TB/s`,
      tdpWatts: `${MLENG} via NVIDIA Mission Control FAQ: 1,200 W per-GPU max`,
      usdPerGpuHour: 'snapshot: Spheron $9.08/h per superchip (2 GPUs) = $4.54 per GPU, spheron.network blog (2026-03-17)',
      'defaults.gpusPerNode': 'NVL72: 72 GPUs in one NVLink domain (nvidia.com/en-us/data-center/gb200-nvl72)',
    },
  },
  {
    id: 'b300',
    vendor: 'nvidia',
    name: 'NVIDIA B300 SXM (Blackwell Ultra, HGX / DGX B300)',
    peakTflops: { bf16: 2250, fp8: 4500, fp4: 12600 },
    memoryGiB: usable(270),
    hbmBandwidthGBs: 8000,
    sms: 160,
    scaleUpBandwidthGBs: 900,
    tdpWatts: 1000,
    usdPerGpuHour: 6.13,
    priceSnapshotDate: '2026-07-01',
    defaults: { gpusPerNode: 8, intraNode: 'nvswitch-b200', interNode: 'ib-xdr' },
    sources: {
      peakTflops: `${MLENG} TFLOPS table via the DGX B300 datasheet: BF16 2,250 / FP8 4,500 / FP4 12,600 dense (NVFP4 15,000)`,
      memoryGiB: `${USABLE(270)}; 270 GB per GPU: HGX B300 platform "2.1TB total memory" over 8 GPUs (${MLENG}, accelerator list, nvidia.com/en-us/data-center/hgx) and the per-GPU table of verda.com/blog/gb300-nvl72-architecture (270 GB HBM3E); the 288 GB sometimes quoted is the physical 12-high stack capacity`,
      hbmBandwidthGBs: `${MLENG} memory table: 8.00 TB/s HBM3e`,
      sms: '160 SMs (20,480 CUDA cores / 128 per SM): awesomeagents.ai/hardware/nvidia-gb300-nvl72 (not in the shared fact sheets; used only for SM-share arithmetic)',
      scaleUpBandwidthGBs: `${MLENG}: NVLink5 1.8 TB/s bidir (900 uni), as B200 (HGX B300 "14.4TBps total NVLink" over 8 GPUs)`,
      tdpWatts: `${MLENG} power table via docs.nvidia.com/dgx/dgxb300-user-guide/power-capping.html: 1,000 W maximum TGP`,
      usdPerGpuHour: 'snapshot: Ornn GPU rental benchmark, B300 on-demand $5.00-7.25/h (neocloud range), ornnai.com/research/nvidia-b200-vs-b300-why-use-one-instead-of-the-other (2026); midpoint [derived]',
      'defaults.interNode': 'DGX B300: 8 × ConnectX-8 800 Gb/s, one per GPU (deepseek-v3-and-hardware.md §8.2)',
    },
  },
  {
    id: 'gb300',
    vendor: 'nvidia',
    name: 'NVIDIA GB300 (per Blackwell Ultra GPU, NVL72)',
    peakTflops: { bf16: 2500, fp8: 5000, fp4: 15000 },
    memoryGiB: usable(279),
    hbmBandwidthGBs: 8000,
    sms: 160,
    scaleUpBandwidthGBs: 900,
    tdpWatts: 1400,
    hostLink: C2C,
    usdPerGpuHour: 6.13,
    priceSnapshotDate: '2026-07-01',
    defaults: { gpusPerNode: 72, intraNode: 'nvl72-gb200', interNode: 'ib-xdr' },
    sources: {
      'hostLink.bandwidthGBs': C2C_SRC,
      'hostLink.efficiency': C2C_COPY,
      peakTflops: `${MLENG} TFLOPS table via nvidia.com/en-us/data-center/gb300-nvl72: 2.5 / 5 / 15 PF dense BF16/FP8/FP4 per GPU ("GB200 NVL72 and GB300 NVL72 seem to be the same but faster fp4 and more memory for the latter")`,
      memoryGiB: `${USABLE(279)}; 279 GB per GPU: GB300 NVL72 "up to 20 TB" of GPU memory over 72 GPUs (nvidia.com/en-us/data-center/gb300-nvl72) and the per-GPU table of verda.com/blog/gb300-nvl72-architecture (279 GB HBM3E)`,
      hbmBandwidthGBs: 'GB300 NVL72: 576 TB/s over 72 GPUs = 8.0 TB/s per GPU (nvidia.com/en-us/data-center/gb300-nvl72, as quoted by glennklockwood.com/garden/processors/B300)',
      sms: 'same Blackwell Ultra die as B300: 160 SMs',
      scaleUpBandwidthGBs: `${MLENG}: NVLink5 1.8 TB/s bidir (900 uni) per GPU; NVL72 rack 130 TB/s, as GB200`,
      tdpWatts: `${MLENG} power table via NVIDIA Mission Control FAQ (GB300 rack planning: "four 1.4kW GPUs" per node): 1,400 W per-GPU max`,
      usdPerGpuHour: 'no per-GPU GB300 rental price found; the B300 snapshot (Ornn benchmark midpoint, same silicon) is used [assumed]',
      'defaults.gpusPerNode': 'NVL72: 72 GPUs in one NVLink domain (nvidia.com/en-us/data-center/gb300-nvl72)',
      'defaults.interNode': 'GB300 NVL72: 72 ConnectX-8 800 Gb/s NICs, one per GPU (nvidia.com/en-us/data-center/gb300-nvl72, as quoted by glennklockwood.com/garden/processors/B300)',
    },
  },
  {
    id: 'mi300x',
    vendor: 'amd',
    name: 'AMD Instinct MI300X 192GB',
    peakTflops: { bf16: 1307.4, fp8: 2614.9 },
    memoryGiB: usable(192),
    hbmBandwidthGBs: 5300,
    sms: 304,
    scaleUpBandwidthGBs: 448,
    tdpWatts: 750,
    hostLink: PCIE5,
    usdPerGpuHour: 1.99,
    priceSnapshotDate: '2026-05-18',
    defaults: { gpusPerNode: 8, intraNode: 'xgmi-mi300', interNode: 'ib-ndr' },
    sources: {
      'hostLink.bandwidthGBs': `PCIe Gen 5 x16 host interface (gpu.blog/gpus/instinct-mi300x-mi300x, "PCIe Interface: PCIe Gen 5 x16"): 63 GB/s per direction as for the NVIDIA Gen5 hosts (stas00/ml-engineering @744d01e network/README.md intra-node table)`,
      'hostLink.efficiency': `${HOST_COPY} [assumed for AMD's copy engines: no MI300X host-copy measurement in the shared facts]`,
      peakTflops: `${MLENG} via amd.com MI300X page; exact decimals github alpharomercoma/MI300X-vs-H200 METHODOLOGY.md`,
      memoryGiB: USABLE(192),
      hbmBandwidthGBs: `${MLENG}: 5.3 TB/s HBM3`,
      sms: 'AMD MI300X datasheet: 304 compute units',
      scaleUpBandwidthGBs: `${MLENG} network/README.md: Infinity Fabric 7 x 64 GB/s = 448 GB/s uni`,
      tdpWatts: `${MLENG}: 750 W`,
      usdPerGpuHour: 'snapshot: median $1.99/h, cliffcenter.com/research/amd-inference-economics (2026-05-18)',
      'defaults.interNode': 'Azure ND MI300X v5: 8 x 400 Gb NDR InfiniBand (MicrosoftDocs/azure-docs nd-mi300x-v5-series.md)',
    },
  },
  {
    id: 'mi325x',
    vendor: 'amd',
    name: 'AMD Instinct MI325X 256GB',
    peakTflops: { bf16: 1300, fp8: 2610 },
    memoryGiB: usable(256),
    hbmBandwidthGBs: 6000,
    sms: 304,
    scaleUpBandwidthGBs: 448,
    tdpWatts: 1000,
    hostLink: PCIE5,
    usdPerGpuHour: 1.95,
    priceSnapshotDate: '2026-05-18',
    defaults: { gpusPerNode: 8, intraNode: 'xgmi-mi300', interNode: 'ib-ndr' },
    sources: {
      'hostLink.bandwidthGBs': `PCIe Gen 5 x16 host interface, as MI300X (AMD's MI325X product text: "PCIe® Gen 5 interface with 16 lanes for high-speed host connections", quoted at wiaix.com/amd-instincttm-mi325x-accelerators; AMD's MLPerf submission guide fills system.json accelerator_host_interconnect "PCIe Gen5 x16" for both MI300X and MI325X from the amd.com spec pages): 63 GB/s per direction as for the NVIDIA Gen5 hosts (stas00/ml-engineering @744d01e network/README.md intra-node table)`,
      'hostLink.efficiency': `${HOST_COPY} [assumed for AMD's copy engines, as for MI300X]`,
      peakTflops: `${MLENG} via amd.com MI325X page: 1,300 BF16 / 2,610 FP8 dense`,
      memoryGiB: USABLE(256),
      hbmBandwidthGBs: `${MLENG}: 6.0 TB/s HBM3e`,
      sms: 'AMD MI325X datasheet: 304 compute units (same CDNA3 die as MI300X)',
      scaleUpBandwidthGBs: `${MLENG}: 448 GB/s uni (same as MI300X)`,
      tdpWatts: `${MLENG}: 1,000 W`,
      usdPerGpuHour: 'snapshot: TensorWave $1.95/h, cliffcenter.com/research/amd-inference-economics (2026-05-18)',
      'defaults.interNode': 'assumed like MI300X platforms (8 x 400 Gb NDR)',
    },
  },
];

/** Built-in GPU profiles by id (efficiency attached from gpu-efficiency.ts). */
export const BUILTIN_GPUS: Record<string, GpuProfile> = Object.fromEntries(DATA.map((g) => [g.id, withEfficiency(g)]));
