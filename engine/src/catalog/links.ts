/**
 * Built-in link profiles: intra-node scale-up fabrics (per GPU, one direction) and scale-out NICs (per NIC).
 * `efficiency` = achievable fraction of the nominal rate for large collectives, from published measurements
 * (../shared/kernel-efficiency-facts.md §4, abbreviated [KEF §4.x]); `latencyUs` = per-message alpha from NCCL's
 * cost model and small-message measurements [KEF §4.4].
 */
import type { LinkProfile } from './types.js';

const NCCL_LAT = 'NCCL tuning.cc cost model (kernel-efficiency-facts.md §4.4): base Ring Simple 8.4 us; NET Ring Simple 14 us per inter-node step';

const DATA: LinkProfile[] = [
  {
    id: 'nvswitch-a100',
    kind: 'intra-node',
    name: 'NVLink3 + NVSwitch (DGX/HGX A100)',
    bandwidthGBs: 300,
    latencyUs: 8.4,
    efficiency: 0.78,
    maxGpus: 8,
    sources: {
      bandwidthGBs: 'NVLink3 600 GB/s bidirectional = 300 GB/s per direction per GPU (deepseek-v3-and-hardware.md §8.1)',
      efficiency: 'nccl-tests 8xA100 all-reduce busbw 234.89 GB/s @16 GiB = 78% of 300 (kernel-efficiency-facts.md §4.2, [mleng])',
      latencyUs: NCCL_LAT,
      maxGpus: '8 GPUs per HGX A100 baseboard',
    },
  },
  {
    id: 'nvswitch-h100',
    kind: 'intra-node',
    name: 'NVLink4 + NVSwitch (DGX/HGX H100/H200)',
    bandwidthGBs: 450,
    latencyUs: 8.4,
    efficiency: 0.82,
    maxGpus: 8,
    sources: {
      bandwidthGBs: 'NVLink4 900 GB/s bidir = 450 GB/s uni per GPU (deepseek-v3-and-hardware.md §8.1)',
      efficiency: 'H100 ring all-reduce ~370 GB/s busbw = 82% of 450 (sjeaugey, nccl-tests#212); H200 ring 367.61 (82%), AG 361.4 / RS 362.9 (80-81%) (kernel-efficiency-facts.md §4.2)',
      latencyUs: NCCL_LAT,
      maxGpus: '8 GPUs per HGX H100 baseboard',
    },
  },
  {
    id: 'nvswitch-h800',
    kind: 'intra-node',
    name: 'NVLink (export-limited) + NVSwitch (HGX H800)',
    bandwidthGBs: 200,
    latencyUs: 8.4,
    efficiency: 0.8,
    maxGpus: 8,
    sources: {
      bandwidthGBs: 'third-party: 400 GB/s bidirectional = 200 GB/s per direction (philisun.com H800-vs-H100, deepseek-v3-and-hardware.md §9.5); no NVIDIA datasheet',
      efficiency: 'DeepSeek-V3 §3.2.2 plans with 160 GB/s NVLink per GPU and DeepEP measures 153-158 GB/s intranode (DeepEP docs/legacy.md) -> 160/200 = 0.80, consistent with the 0.78-0.82 ring busbw of other NVSwitch nodes',
      latencyUs: NCCL_LAT,
      maxGpus: '8 GPUs per node (DeepSeek-V3 §3.1)',
    },
  },
  {
    id: 'nvswitch-b200',
    kind: 'intra-node',
    name: 'NVLink5 + NVSwitch (DGX/HGX B200)',
    bandwidthGBs: 900,
    latencyUs: 8.4,
    efficiency: 0.76,
    maxGpus: 8,
    sources: {
      bandwidthGBs: 'NVLink5 1.8 TB/s bidir = 900 GB/s uni per GPU (deepseek-v3-and-hardware.md §8.1)',
      efficiency: '8xB200 ring all-reduce busbw 682.2 GB/s @8 GiB = 76% of 900 ([mleng], kernel-efficiency-facts.md §4.2)',
      latencyUs: NCCL_LAT,
      maxGpus: '8 GPUs per HGX B200 baseboard',
    },
  },
  {
    id: 'nvl72-gb200',
    kind: 'intra-node',
    name: 'NVLink5 NVL72 rack (GB200, GB300)',
    bandwidthGBs: 900,
    latencyUs: 8.4,
    efficiency: 0.76,
    maxGpus: 72,
    sources: {
      bandwidthGBs: 'NVLink5 1.8 TB/s bidir = 900 GB/s uni per GPU; NVL72 rack 130 TB/s (deepseek-v3-and-hardware.md §8.1)',
      efficiency: 'Azure ND GB200 v6 4-GPU ring all-reduce 679.61 GB/s @8 GiB = 76% of 900 (kernel-efficiency-facts.md §4.2)',
      latencyUs: NCCL_LAT,
      maxGpus: '72 GPUs per NVLink domain (nvidia.com/en-us/data-center/gb200-nvl72)',
    },
  },
  {
    id: 'xgmi-mi300',
    kind: 'intra-node',
    name: 'AMD Infinity Fabric (xGMI) MI300X/MI325X platform',
    bandwidthGBs: 448,
    latencyUs: 8.4,
    efficiency: 0.7,
    maxGpus: 8,
    sources: {
      bandwidthGBs: '7 x 64 GB/s peer links = 448 GB/s uni per GPU (deepseek-v3-and-hardware.md §8.1)',
      efficiency: 'RCCL 8xMI300X all-reduce busbw 312.9-316.82 GB/s = 70-71% of 448 ([mleng], kernel-efficiency-facts.md §4.2); full-mesh: 2-GPU collectives see only one 64 GB/s link (47.7 GB/s)',
      latencyUs: `${NCCL_LAT} (RCCL assumed alike; Azure 8-GPU 1 KB all-reduce ~45 us)`,
      maxGpus: '8 GPUs per MI300X platform',
    },
  },
  {
    id: 'ib-hdr',
    kind: 'scale-out',
    name: 'InfiniBand HDR 200 Gb/s (per NIC)',
    bandwidthGBs: 25,
    latencyUs: 14,
    efficiency: 0.96,
    maxGpus: 0,
    sources: {
      bandwidthGBs: 'HDR 200 Gb/s per 4x port = 25 GB/s (IBTA roadmap via [mleng] network/README.md)',
      efficiency: 'DGX-A100 8xHDR: "we measure 192 GB/s AllReduce BusBW" = 24 GB/s per NIC = 96% (NVIDIA maintainer, NVIDIA/nccl#1576)',
      latencyUs: NCCL_LAT,
    },
  },
  {
    id: 'ib-ndr',
    kind: 'scale-out',
    name: 'InfiniBand NDR 400 Gb/s (per NIC, ConnectX-7)',
    bandwidthGBs: 50,
    latencyUs: 14,
    efficiency: 0.94,
    maxGpus: 0,
    sources: {
      bandwidthGBs: 'NDR 400 Gb/s = 50 GB/s per NIC; DeepSeek-V3 §3.2.2 "IB (50 GB/s)"',
      efficiency: 'NDR: "you should see 46-48 GB/s per NIC" (NVIDIA maintainer, nccl-tests#290) -> 47/50 = 0.94',
      latencyUs: NCCL_LAT,
    },
  },
  {
    id: 'ib-xdr',
    kind: 'scale-out',
    name: 'InfiniBand XDR 800 Gb/s (per NIC, ConnectX-8)',
    bandwidthGBs: 100,
    latencyUs: 14,
    efficiency: 0.94,
    maxGpus: 0,
    sources: {
      bandwidthGBs: 'XDR 800 Gb/s = 100 GB/s per NIC (IBTA roadmap via [mleng]; DGX B300 8 x ConnectX-8 800 Gb/s)',
      efficiency: 'no published XDR busbw measurement; assumed equal to NDR (46-48 of 50 GB/s, nccl-tests#290)',
      latencyUs: NCCL_LAT,
    },
  },
  {
    id: 'roce-400',
    kind: 'scale-out',
    name: 'RoCE v2 400 Gb/s Ethernet (per NIC)',
    bandwidthGBs: 50,
    latencyUs: 14,
    efficiency: 0.8,
    maxGpus: 0,
    sources: {
      bandwidthGBs: '400 Gb/s = 50 GB/s per NIC (Llama 3 arXiv 2407.21783 §3.3.1: RoCE 400 Gbps per GPU)',
      efficiency: 'no published RoCE busbw found (kernel-efficiency-facts.md §4.3); "If advertised 400 Gbps, expect ~320 Gbps (80%) at best" [mleng network/README.md]',
      latencyUs: NCCL_LAT,
    },
  },
];

/** Built-in link profiles by id. */
export const BUILTIN_LINKS: Record<string, LinkProfile> = Object.fromEntries(DATA.map((l) => [l.id, l]));
