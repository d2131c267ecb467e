#!/usr/bin/env python3
"""Kernel-efficiency measurements on one Hopper GPU, for the engine's GPU profiles (engine/measurements/README.md).

Measures, with PyTorch on whatever Hopper card it runs on (H100 / H200 / H800 share the compute units):
  1. dense GEMMs, BF16 and FP8 (torch._scaled_mm, per-tensor scales), squares and the shapes of real training layers;
  2. grouped BF16 GEMMs (torch._grouped_mm, MoE experts), where the installed PyTorch has it;
  3. the attention core through torch SDPA, causal, head dim 128, per backend (flash, cuDNN, memory-efficient),
     forward and backward, sequence 1k-32k;
  4. HBM streaming (copy and a three-operand add);
  5. host (CPU) time per kernel launch in eager PyTorch: a bare op loop, and a small transformer block's forward +
     backward under autograd (kernels per iteration counted once with torch.profiler, timed without it).

Timing: triton.testing.do_bench (CUDA events, median), random normal inputs (never zeros), after warm-up.
Output: a JSON document on stdout's last line and, with --out FILE, in FILE. Runs in about two minutes on an H200.
  6. (--parts stream) memory-bound kernels by tensor size and the back-to-back kernel floor (CUDA graph);
  7. (--parts layers) one decoder layer's forward + backward (Llama 3 8B, a Llama 3 70B TP8 shard, GPT 1.7B) in eager
     PyTorch with the flash and cuDNN SDPA backends: step time, GPU busy time and kernel count (torch.profiler).
  8. (--parts eager) the Llama 3 8B layer as torchtitan's Dec-2024 eager mode wrote it (composite RMSNorm, complex
     rotary), without and with its op-level selective activation checkpointing;
  9. (--parts fp8) the Llama 3 8B layer with every linear in tensorwise-scaled FP8 (torch._scaled_mm; amax, scale and
     cast per tensor as torchao's "tensorwise" recipe does), eager and torch.compile'd.
 10. (--parts moe) a Qwen3-235B-shaped MoE layer on one GPU (128 local experts, top-8; grouped GEMMs).
 11. (--parts sustained / sustained-fp8) 8192^3 GEMMs back to back for 30 s (BF16) or 20 s (FP8) with the SM clock,
     power and temperature each second.
Run: python3 engine/measurements/hopper_kernels.py --out $OUT/hopper.json
     python3 engine/measurements/hopper_kernels.py --parts stream,layers --compile-budget 150 --out $OUT/layers.json
     python3 engine/measurements/hopper_kernels.py --parts eager --out $OUT/eager.json
     python3 engine/measurements/hopper_kernels.py --parts fp8 --out $OUT/fp8.json
     python3 engine/measurements/hopper_kernels.py --parts moe --out $OUT/moe.json
     python3 engine/measurements/hopper_kernels.py --parts sustained --out $OUT/sustained.json
     python3 engine/measurements/hopper_kernels.py --parts sustained-fp8 --out $OUT/sustained-fp8.json
"""
import argparse
import json
import platform
import subprocess
import sys
import time

import torch
import torch.nn.functional as F
from triton.testing import do_bench

DEV = "cuda"
BF16_PEAK = 989.4e12  # dense BF16 TFLOP/s of H100/H200 SXM (NVIDIA datasheet), for the efficiency columns
FP8_PEAK = 1978.9e12


def bench(fn, rep=120, grad_to_none=None):
    """Median milliseconds of fn over ~rep ms of repeats (do_bench warms up first)."""
    return do_bench(fn, warmup=30, rep=rep, grad_to_none=grad_to_none, return_mode="median")


def smi(query):
    try:
        out = subprocess.run(["nvidia-smi", f"--query-gpu={query}", "--format=csv,noheader,nounits"], capture_output=True, text=True, timeout=20)
        return out.stdout.strip()
    except Exception as e:  # noqa: BLE001 - informative only
        return f"n/a ({e})"


GEMM_SHAPES = [
    # (label, M, N, K): M = tokens (rows of the activation), N = output features, K = input features
    ("square-1024", 1024, 1024, 1024),
    ("square-2048", 2048, 2048, 2048),
    ("square-4096", 4096, 4096, 4096),
    ("square-8192", 8192, 8192, 8192),
    ("square-16384", 16384, 16384, 16384),
    # Llama 3 8B layer on 16k tokens (fused QKV 6144, attention out, fused SwiGLU up 2x14336, down) + backward shapes
    ("llama8b-qkv", 16384, 6144, 4096),
    ("llama8b-out", 16384, 4096, 4096),
    ("llama8b-up", 16384, 28672, 4096),
    ("llama8b-down", 16384, 4096, 14336),
    ("llama8b-qkv-dgrad", 16384, 4096, 6144),
    ("llama8b-qkv-wgrad", 4096, 6144, 16384),
    # GPT 1.7B (h 2048, GeLU 8192) on 4k tokens: the small-model regime
    ("gpt1.7b-qkv", 4096, 6144, 2048),
    ("gpt1.7b-out", 4096, 2048, 2048),
    ("gpt1.7b-up", 4096, 8192, 2048),
    ("gpt1.7b-down", 4096, 2048, 8192),
    # Llama 3 70B under TP8 on 8k tokens (local QKV 1280, local out K 1024, local SwiGLU up 2x3584, down K 3584)
    ("llama70b-tp8-qkv", 8192, 1280, 8192),
    ("llama70b-tp8-out", 8192, 8192, 1024),
    ("llama70b-tp8-up", 8192, 7168, 8192),
    ("llama70b-tp8-down", 8192, 8192, 3584),
    # MoE expert (Qwen3-235B: h 4096, expert FFN 1536) at 4096 and 512 tokens per expert; router (128 experts)
    ("expert-up-4096tok", 4096, 3072, 4096),
    ("expert-down-4096tok", 4096, 4096, 1536),
    ("expert-up-512tok", 512, 3072, 4096),
    ("expert-down-512tok", 512, 4096, 1536),
    ("router-128", 16384, 128, 4096),
    # DeepGEMM's H800 table shapes (DSH §4.1), for the FP8 comparison
    ("deepgemm-4096x7168x16384", 4096, 7168, 16384),
    ("deepgemm-4096x2112x7168", 4096, 2112, 7168),
    ("deepgemm-128x7168x16384", 128, 7168, 16384),
]


def gemm_bf16(m, n, k):
    a = torch.randn(m, k, device=DEV, dtype=torch.bfloat16)
    b = torch.randn(k, n, device=DEV, dtype=torch.bfloat16)
    return bench(lambda: torch.mm(a, b))


def gemm_fp8(m, n, k):
    a = torch.randn(m, k, device=DEV).to(torch.float8_e4m3fn)
    w = torch.randn(n, k, device=DEV).to(torch.float8_e4m3fn)  # row-major (N, K): w.t() is the column-major (K, N) operand
    one = torch.tensor(1.0, device=DEV)
    return bench(lambda: torch._scaled_mm(a, w.t(), scale_a=one, scale_b=one, out_dtype=torch.bfloat16))


def gemms():
    rows = []
    for label, m, n, k in GEMM_SHAPES:
        flops = 2.0 * m * n * k
        row = {"label": label, "m": m, "n": n, "k": k}
        for name, fn, peak in (("bf16", gemm_bf16, BF16_PEAK), ("fp8", gemm_fp8, FP8_PEAK)):
            try:
                ms = fn(m, n, k)
                row[name] = {"ms": ms, "tflops": flops / (ms * 1e-3) / 1e12, "fractionOfPeak": flops / (ms * 1e-3) / peak}
            except Exception as e:  # noqa: BLE001 - a shape/precision the library rejects is recorded, not fatal
                row[name] = {"error": f"{type(e).__name__}: {e}"[:200]}
        rows.append(row)
        print(f"gemm {label:28s} bf16 {row['bf16'].get('tflops', float('nan')):7.1f}  fp8 {row['fp8'].get('tflops', float('nan')):7.1f} TFLOP/s", flush=True)
    return rows


def grouped():
    """MoE grouped GEMM (bf16): G experts, `tok` rows each, (tok, K) x (K, N) per expert."""
    out = []
    if not hasattr(torch, "_grouped_mm"):
        return [{"error": "torch._grouped_mm not available"}]
    for g, tok, n, k in ((16, 512, 3072, 4096), (16, 2048, 3072, 4096), (16, 512, 4096, 1536), (4, 8192, 4096, 7168), (8, 4096, 7168, 2048)):
        try:
            a = torch.randn(g * tok, k, device=DEV, dtype=torch.bfloat16)
            b = torch.randn(g, n, k, device=DEV, dtype=torch.bfloat16).transpose(-2, -1)  # (G, K, N), column-major per group
            offs = torch.arange(tok, g * tok + 1, tok, device=DEV, dtype=torch.int32)
            ms = bench(lambda: torch._grouped_mm(a, b, offs=offs))
            flops = 2.0 * g * tok * n * k
            out.append({"groups": g, "m": tok, "n": n, "k": k, "ms": ms, "tflops": flops / (ms * 1e-3) / 1e12, "fractionOfPeak": flops / (ms * 1e-3) / BF16_PEAK})
            print(f"grouped {g}x{tok}x{n}x{k}: {out[-1]['tflops']:.1f} TFLOP/s", flush=True)
        except Exception as e:  # noqa: BLE001
            out.append({"groups": g, "m": tok, "n": n, "k": k, "error": f"{type(e).__name__}: {e}"[:200]})
            print(f"grouped {g}x{tok}x{n}x{k}: {out[-1]['error']}", flush=True)
    return out


def attention():
    """SDPA causal, d=128, 32 heads, B*S = 32k tokens; forward and backward per backend.
    FLOPs (FlashAttention convention): forward 4*B*H*S^2*D / 2 for a causal mask, backward 2.5x forward."""
    from torch.nn.attention import SDPBackend, sdpa_kernel

    out = []
    heads, d, tokens = 32, 128, 32768
    for backend in (SDPBackend.FLASH_ATTENTION, SDPBackend.CUDNN_ATTENTION, SDPBackend.EFFICIENT_ATTENTION):
        for s in (1024, 2048, 4096, 8192, 16384, 32768):
            b = max(1, tokens // s)
            row = {"backend": backend.name, "batch": b, "heads": heads, "seq": s, "headDim": d}
            try:
                q, k, v = (torch.randn(b, heads, s, d, device=DEV, dtype=torch.bfloat16, requires_grad=True) for _ in range(3))
                g = torch.randn(b, heads, s, d, device=DEV, dtype=torch.bfloat16)
                with sdpa_kernel([backend]):
                    fwd = bench(lambda: F.scaled_dot_product_attention(q, k, v, is_causal=True), rep=150)

                    def fb():
                        F.scaled_dot_product_attention(q, k, v, is_causal=True).backward(g)

                    both = bench(fb, rep=250, grad_to_none=[q, k, v])
                flops_f = 4.0 * b * heads * s * s * d / 2
                bwd = both - fwd
                row.update(
                    forwardMs=fwd,
                    backwardMs=bwd,
                    forwardTflops=flops_f / (fwd * 1e-3) / 1e12,
                    backwardTflops=2.5 * flops_f / (bwd * 1e-3) / 1e12,
                    forwardFraction=flops_f / (fwd * 1e-3) / BF16_PEAK,
                    backwardFraction=2.5 * flops_f / (bwd * 1e-3) / BF16_PEAK,
                )
                print(f"sdpa {backend.name:20s} s={s:6d} fwd {row['forwardTflops']:6.1f} bwd {row['backwardTflops']:6.1f} TFLOP/s", flush=True)
                del q, k, v, g
            except Exception as e:  # noqa: BLE001
                row["error"] = f"{type(e).__name__}: {e}"[:200]
                print(f"sdpa {backend.name:20s} s={s:6d} error {row['error'][:80]}", flush=True)
            out.append(row)
            torch.cuda.empty_cache()
    return out


def hbm():
    n = 1 << 29  # 512 Mi bf16 elements = 1 GiB per tensor
    a = torch.randn(n, device=DEV, dtype=torch.bfloat16)
    b = torch.randn(n, device=DEV, dtype=torch.bfloat16)
    c = torch.empty_like(a)
    copy_ms = bench(lambda: c.copy_(a))
    add_ms = bench(lambda: torch.add(a, b, out=c))
    size = a.numel() * a.element_size()
    res = {"copyGBs": 2 * size / (copy_ms * 1e-3) / 1e9, "addGBs": 3 * size / (add_ms * 1e-3) / 1e9, "bytesPerTensor": size}
    print(f"hbm copy {res['copyGBs']:.0f} GB/s, add {res['addGBs']:.0f} GB/s", flush=True)
    return res


class Block(torch.nn.Module):
    """A small Llama-style block (RMSNorm, QKV, rotary, SDPA, out, RMSNorm, SwiGLU), eager elementwise ops."""

    def __init__(self, h=256, heads=4, ffn=704):
        super().__init__()
        self.h, self.heads = h, heads
        self.n1 = torch.nn.Parameter(torch.ones(h))
        self.n2 = torch.nn.Parameter(torch.ones(h))
        self.qkv = torch.nn.Linear(h, 3 * h, bias=False)
        self.o = torch.nn.Linear(h, h, bias=False)
        self.up = torch.nn.Linear(h, 2 * ffn, bias=False)
        self.down = torch.nn.Linear(ffn, h, bias=False)

    @staticmethod
    def rms(x, w):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * w

    @staticmethod
    def rope(x, cos, sin):
        x1, x2 = x.chunk(2, dim=-1)
        return torch.cat((x1 * cos - x2 * sin, x2 * cos + x1 * sin), dim=-1)

    def forward(self, x, cos, sin):
        b, s, h = x.shape
        q, k, v = self.qkv(self.rms(x, self.n1)).view(b, s, 3, self.heads, h // self.heads).permute(2, 0, 3, 1, 4)
        q, k = self.rope(q, cos, sin), self.rope(k, cos, sin)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(b, s, h)
        x = x + self.o(a)
        g, u = self.up(self.rms(x, self.n2)).chunk(2, dim=-1)
        return x + self.down(F.silu(g) * u)


def host_overhead():
    res = {}
    x = torch.zeros(1, device=DEV)
    for _ in range(200):
        x.add_(1)
    torch.cuda.synchronize()
    n = 20000
    t0 = time.perf_counter()
    for _ in range(n):
        x.add_(1)
    torch.cuda.synchronize()
    res["bareOpUsPerLaunch"] = (time.perf_counter() - t0) / n * 1e6

    blk = Block().to(DEV, torch.bfloat16)
    inp = torch.randn(2, 128, 256, device=DEV, dtype=torch.bfloat16, requires_grad=True)
    pos = torch.arange(128, device=DEV, dtype=torch.float32)[:, None] / (10000 ** (torch.arange(0, 32, device=DEV) / 32))
    cos, sin = pos.cos().to(torch.bfloat16), pos.sin().to(torch.bfloat16)

    def step():
        blk(inp, cos, sin).sum().backward()

    for _ in range(30):
        step()
    torch.cuda.synchronize()
    from torch.profiler import ProfilerActivity, profile

    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        step()
        torch.cuda.synchronize()
    kernels = sum(1 for e in prof.events() if str(getattr(e, "device_type", "")).endswith("CUDA"))
    iters = 300
    t0 = time.perf_counter()
    for _ in range(iters):
        step()
    torch.cuda.synchronize()
    per_iter = (time.perf_counter() - t0) / iters
    gpu_ms = bench(step, rep=200)
    res.update(
        blockKernelsPerStep=kernels,
        blockWallUsPerStep=per_iter * 1e6,
        blockGpuMsPerStep=gpu_ms,
        blockHostUsPerKernel=per_iter * 1e6 / max(kernels, 1),
    )
    print(f"host: bare op {res['bareOpUsPerLaunch']:.1f} us/launch; eager block fwd+bwd {kernels} kernels in {per_iter*1e6:.0f} us = {res['blockHostUsPerKernel']:.1f} us/kernel", flush=True)
    return res


def stream_sweep():
    """Memory-bound kernels at the sizes a layer's elementwise ops have (1 MiB .. 1 GiB per tensor): achieved GB/s,
    and the GPU-side floor of back-to-back tiny kernels (a CUDA graph of 200 launches, so no host cost)."""
    out = {"sizes": []}
    for mib in (1, 4, 16, 64, 256, 1024):
        n = mib * (1 << 20) // 2
        a = torch.randn(n, device=DEV, dtype=torch.bfloat16)
        b = torch.randn(n, device=DEV, dtype=torch.bfloat16)
        c = torch.empty_like(a)
        rows = max(1, n // 4096)
        x2 = a[: rows * 4096].view(rows, 4096)
        w = torch.ones(4096, device=DEV, dtype=torch.bfloat16)
        res = {"mib": mib}
        for name, fn, streams in (
            ("copy", lambda: c.copy_(a), 2),
            ("add", lambda: torch.add(a, b, out=c), 3),
            ("silu", lambda: F.silu(a), 2),
            ("rmsnorm", lambda: F.rms_norm(x2, (4096,), w, 1e-6), 2),
        ):
            try:
                us = bench(fn, rep=60) * 1e3
                res[name] = {"us": us, "GBs": streams * mib * (1 << 20) / (us * 1e-6) / 1e9}
            except Exception as e:  # noqa: BLE001
                res[name] = {"error": f"{type(e).__name__}: {e}"[:160]}
        out["sizes"].append(res)
        print("stream", mib, "MiB", {k: round(v.get("GBs", float("nan"))) for k, v in res.items() if isinstance(v, dict)}, flush=True)
        del a, b, c
    try:
        x = torch.zeros(256, device=DEV)
        s = torch.cuda.Stream()
        s.wait_stream(torch.cuda.current_stream())
        with torch.cuda.stream(s):
            for _ in range(5):
                x.add_(1)
        torch.cuda.current_stream().wait_stream(s)
        g = torch.cuda.CUDAGraph()
        with torch.cuda.graph(g):
            for _ in range(200):
                x.add_(1)
        ms = bench(g.replay, rep=100)
        out["graphUsPerTinyKernel"] = ms * 1e3 / 200
        print(f"graph floor {out['graphUsPerTinyKernel']:.2f} us per tiny kernel", flush=True)
    except Exception as e:  # noqa: BLE001
        out["graphError"] = f"{type(e).__name__}: {e}"[:200]
    return out


def kernel_events(prof):
    """(count, total microseconds) of the GPU kernels (and copies) a profiled region ran."""
    n, us = 0, 0.0
    for e in prof.events():
        if str(getattr(e, "device_type", "")).endswith("CUDA"):
            n += 1
            tr = getattr(e, "time_range", None)
            us += tr.elapsed_us() if tr is not None else float(getattr(e, "device_time", 0.0) or 0.0)
    return n, us


def kernel_breakdown(prof, top=40):
    """GPU kernels of a profiled region grouped by name: [name, count, total microseconds], largest first."""
    agg = {}
    for e in prof.events():
        if str(getattr(e, "device_type", "")).endswith("CUDA"):
            tr = getattr(e, "time_range", None)
            us = tr.elapsed_us() if tr is not None else 0.0
            n, t = agg.get(e.name, (0, 0.0))
            agg[e.name] = (n + 1, t + us)
    rows = sorted(([k[:120], n, round(t, 1)] for k, (n, t) in agg.items()), key=lambda r: -r[2])
    return rows[:top]


def time_step(step, params, row, breakdown=0):
    """Warm `step` up (3 calls), then fill `row`: warmupSeconds, stepMs (event-timed median over ~300 ms, gradients
    cleared before each call), and from one profiled call the GPU kernel count, their summed durations (gpuBusyMs) and,
    with `breakdown` > 0, that many largest kernels by name."""
    from torch.profiler import ProfilerActivity, profile

    t0 = time.time()
    for _ in range(3):
        step()
    torch.cuda.synchronize()
    row["warmupSeconds"] = time.time() - t0
    row["stepMs"] = bench(step, rep=300, grad_to_none=params)
    with profile(activities=[ProfilerActivity.CUDA]) as prof:
        step()
        torch.cuda.synchronize()
    row["kernels"], busy = kernel_events(prof)
    row["gpuBusyMs"] = busy / 1e3
    if breakdown:
        row["byKernel"] = kernel_breakdown(prof, top=breakdown)


class Layer(torch.nn.Module):
    """One decoder layer as PyTorch-native frameworks write it (torchtitan's Llama: separate wq/wk/wv, RMSNorm,
    rotary, repeated KV heads into SDPA, SwiGLU w1/w3/w2; or GPT: LayerNorm, fused QKV, GeLU MLP), eager ops."""

    def __init__(self, h, heads, kv, ffn, kind):
        super().__init__()
        self.h, self.heads, self.kv, self.hd, self.kind = h, heads, kv, h // heads, kind
        lin = lambda i, o: torch.nn.Linear(i, o, bias=False)  # noqa: E731
        if kind == "llama":
            self.wq, self.wk, self.wv, self.wo = lin(h, heads * self.hd), lin(h, kv * self.hd), lin(h, kv * self.hd), lin(heads * self.hd, h)
            self.w1, self.w3, self.w2 = lin(h, ffn), lin(h, ffn), lin(ffn, h)
            self.n1, self.n2 = torch.nn.RMSNorm(h, eps=1e-6), torch.nn.RMSNorm(h, eps=1e-6)
        else:
            self.qkv, self.wo = lin(h, 3 * h), lin(h, h)
            self.fc1, self.fc2 = lin(h, ffn), lin(ffn, h)
            self.n1, self.n2 = torch.nn.LayerNorm(h), torch.nn.LayerNorm(h)

    def forward(self, x, cos, sin):
        b, s, _ = x.shape
        if self.kind == "llama":
            n = self.n1(x)
            q = self.wq(n).view(b, s, self.heads, self.hd)
            k = self.wk(n).view(b, s, self.kv, self.hd)
            v = self.wv(n).view(b, s, self.kv, self.hd)
            q, k = Block.rope(q, cos, sin), Block.rope(k, cos, sin)
            rep = self.heads // self.kv
            k = k[:, :, :, None, :].expand(b, s, self.kv, rep, self.hd).reshape(b, s, self.heads, self.hd)
            v = v[:, :, :, None, :].expand(b, s, self.kv, rep, self.hd).reshape(b, s, self.heads, self.hd)
            a = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), is_causal=True)
            x = x + self.wo(a.transpose(1, 2).reshape(b, s, self.h))
            n = self.n2(x)
            return x + self.w2(F.silu(self.w1(n)) * self.w3(n))
        q, k, v = self.qkv(self.n1(x)).view(b, s, 3, self.heads, self.hd).permute(2, 0, 3, 1, 4)
        a = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.wo(a.transpose(1, 2).reshape(b, s, self.h))
        return x + self.fc2(F.gelu(self.fc1(self.n2(x)), approximate="tanh"))


LAYERS = [
    # (label, kind, hidden, heads, kv heads, ffn, micro-batch, sequence)
    ("llama3-8b-2x8192", "llama", 4096, 32, 8, 14336, 2, 8192),
    ("llama3-70b-tp8-shard-1x8192", "llama", 8192, 8, 1, 3584, 1, 8192),
    ("gpt-1.7b-1x4096", "gpt", 2048, 16, 16, 8192, 1, 4096),
    ("gpt-1.7b-8x2048", "gpt", 2048, 16, 16, 8192, 8, 2048),
]


def layers(compile_budget_s=0.0, started=0.0):
    """Forward + backward of one decoder layer: event time per step, and the GPU busy time (sum of kernel durations
    from torch.profiler) with the kernel count, per SDPA backend. The 70B row is one TP8 rank's shard of the layer
    (heads/8, FFN/8) without the TP collectives."""
    from torch.nn.attention import SDPBackend, sdpa_kernel

    out = []
    for label, kind, h, heads, kv, ffn, mb, s in LAYERS:
        if kind == "llama" and label.startswith("llama3-70b"):
            hd = 128
            layer = Layer(heads * hd, heads, kv, ffn, kind)
            # the shard keeps the full hidden size on the residual stream: rebuild projections for h=8192 in, heads*hd out
            layer.h = h
            lin = lambda i, o: torch.nn.Linear(i, o, bias=False)  # noqa: E731
            layer.wq, layer.wk, layer.wv, layer.wo = lin(h, heads * hd), lin(h, kv * hd), lin(h, kv * hd), lin(heads * hd, h)
            layer.w1, layer.w3, layer.w2 = lin(h, ffn), lin(h, ffn), lin(ffn, h)
            layer.n1, layer.n2 = torch.nn.RMSNorm(h, eps=1e-6), torch.nn.RMSNorm(h, eps=1e-6)
            layer.hd = hd
            layer.h = heads * hd  # width of the attention output before wo
        else:
            layer = Layer(h, heads, kv, ffn, kind)
        layer = layer.to(DEV, torch.bfloat16)
        hd = layer.hd
        x = torch.randn(mb, s, h, device=DEV, dtype=torch.bfloat16, requires_grad=True)
        pos = torch.arange(s, device=DEV, dtype=torch.float32)[:, None, None] / (10000 ** (torch.arange(0, hd // 2, device=DEV) / (hd // 2)))
        cos, sin = pos.cos().to(torch.bfloat16), pos.sin().to(torch.bfloat16)
        params = list(layer.parameters()) + [x]
        for backend in (SDPBackend.FLASH_ATTENTION, SDPBackend.CUDNN_ATTENTION):
            row = {"label": label, "kind": kind, "hidden": h, "heads": heads, "kvHeads": kv, "ffn": ffn, "microBatch": mb, "seq": s, "backend": backend.name}
            try:
                with sdpa_kernel([backend]):
                    def step():
                        layer(x, cos, sin).sum().backward()

                    time_step(step, params, row)
                    with torch.no_grad():
                        row["forwardMs"] = bench(lambda: layer(x, cos, sin), rep=150)
                print(f"layer {label:28s} {backend.name:16s} step {row['stepMs']:.3f} ms (GPU busy {row['gpuBusyMs']:.3f}, {row['kernels']} kernels), forward {row['forwardMs']:.3f} ms", flush=True)
            except Exception as e:  # noqa: BLE001
                row["error"] = f"{type(e).__name__}: {e}"[:200]
                print(f"layer {label} {backend.name}: {row['error']}", flush=True)
            out.append(row)
        if compile_budget_s > 0 and label == "llama3-8b-2x8192" and time.time() - started < compile_budget_s:
            row = {"label": label, "kind": kind, "backend": "FLASH_ATTENTION", "compiled": True, "microBatch": mb, "seq": s}
            try:
                cl = torch.compile(layer)
                with sdpa_kernel([SDPBackend.FLASH_ATTENTION]):
                    def cstep():
                        cl(x, cos, sin).sum().backward()

                    time_step(cstep, params, row)
                    row["compileSeconds"] = row["warmupSeconds"]
                print(f"layer {label:28s} compiled        step {row['stepMs']:.3f} ms (GPU busy {row['gpuBusyMs']:.3f}, {row['kernels']} kernels), compile {row['compileSeconds']:.0f} s", flush=True)
            except Exception as e:  # noqa: BLE001
                row["error"] = f"{type(e).__name__}: {e}"[:200]
                print(f"layer {label} compiled: {row['error']}", flush=True)
            out.append(row)
        del layer, x
        torch.cuda.empty_cache()
    return out



class Torchtitan2024Layer(torch.nn.Module):
    """Llama 3 layer written as torchtitan's Dec-2024 benchmarks ran it in eager mode (composite ops, not fused): RMSNorm
    computed in FP32 from its definition, rotary through complex multiplication, KV heads repeated for SDPA, SwiGLU."""

    def __init__(self, h, heads, kv, ffn):
        super().__init__()
        self.h, self.heads, self.kv, self.hd = h, heads, kv, h // heads
        lin = lambda i, o: torch.nn.Linear(i, o, bias=False)  # noqa: E731
        self.wq, self.wk, self.wv, self.wo = lin(h, heads * self.hd), lin(h, kv * self.hd), lin(h, kv * self.hd), lin(heads * self.hd, h)
        self.w1, self.w3, self.w2 = lin(h, ffn), lin(h, ffn), lin(ffn, h)
        self.g1, self.g2 = torch.nn.Parameter(torch.ones(h)), torch.nn.Parameter(torch.ones(h))

    @staticmethod
    def norm(x, g):
        xf = x.float()
        return (xf * torch.rsqrt(xf.pow(2).mean(-1, keepdim=True) + 1e-5)).type_as(x) * g

    @staticmethod
    def rotate(x, freqs):
        xc = torch.view_as_complex(x.float().reshape(*x.shape[:-1], -1, 2))
        return torch.view_as_real(xc * freqs).flatten(3).type_as(x)

    def forward(self, x, freqs):
        b, s, _ = x.shape
        n = self.norm(x, self.g1)
        q = self.rotate(self.wq(n).view(b, s, self.heads, self.hd), freqs)
        k = self.rotate(self.wk(n).view(b, s, self.kv, self.hd), freqs)
        v = self.wv(n).view(b, s, self.kv, self.hd)
        rep = self.heads // self.kv
        k = k[:, :, :, None, :].expand(b, s, self.kv, rep, self.hd).reshape(b, s, self.heads, self.hd)
        v = v[:, :, :, None, :].expand(b, s, self.kv, rep, self.hd).reshape(b, s, self.heads, self.hd)
        a = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), is_causal=True)
        x = x + self.wo(a.transpose(1, 2).reshape(b, s, self.h))
        n = self.norm(x, self.g2)
        return x + self.w2(F.silu(self.w1(n)) * self.w3(n))


def op_sac_context():
    """Selective activation checkpointing at op level as torchtitan's Llama configs set it (`selective_ac_option = "op"`):
    keep the outputs of matmuls and attention, except every second matmul of the forward, recompute everything else."""
    from torch.utils.checkpoint import CheckpointPolicy, create_selective_checkpoint_contexts

    keep = {torch.ops.aten.mm.default}
    for name in ("_scaled_dot_product_flash_attention", "_scaled_dot_product_efficient_attention", "_scaled_dot_product_cudnn_attention"):
        op = getattr(torch.ops.aten, name, None)
        if op is not None:
            keep.add(op.default)
    counts = {"forward": 0, "recompute": 0}

    def policy(ctx, func, *args, **kwargs):
        mode = "recompute" if ctx.is_recompute else "forward"
        if func == torch.ops.aten.mm.default:
            counts[mode] += 1
        save = func in keep and not (func == torch.ops.aten.mm.default and counts[mode] % 2 == 0)
        return CheckpointPolicy.MUST_SAVE if save else CheckpointPolicy.PREFER_RECOMPUTE

    return create_selective_checkpoint_contexts(policy)


def eager_layers():
    """The Llama 3 8B layer at 2x8192 tokens (torchtitan's benchmark shape) written as torchtitan's eager mode did,
    with and without its op-level selective checkpointing, flash SDPA backend."""
    from torch.nn.attention import SDPBackend, sdpa_kernel
    from torch.utils.checkpoint import checkpoint

    out = []
    h, heads, kv, ffn, mb, s = 4096, 32, 8, 14336, 2, 8192
    layer = Torchtitan2024Layer(h, heads, kv, ffn).to(DEV, torch.bfloat16)
    x = torch.randn(mb, s, h, device=DEV, dtype=torch.bfloat16, requires_grad=True)
    hd = h // heads
    ang = torch.arange(s, device=DEV, dtype=torch.float32)[:, None] / (500000 ** (torch.arange(0, hd, 2, device=DEV, dtype=torch.float32) / hd))
    freqs = torch.polar(torch.ones_like(ang), ang)[None, :, None, :]
    params = list(layer.parameters()) + [x]
    for variant in ("eager", "eager+op-sac"):
        row = {"label": "llama3-8b-2x8192-torchtitan2024", "variant": variant, "hidden": h, "heads": heads, "kvHeads": kv, "ffn": ffn, "microBatch": mb, "seq": s, "backend": "FLASH_ATTENTION"}
        try:
            with sdpa_kernel([SDPBackend.FLASH_ATTENTION]):
                if variant == "eager":
                    def step():
                        layer(x, freqs).sum().backward()
                else:
                    def step():
                        checkpoint(layer, x, freqs, use_reentrant=False, context_fn=op_sac_context, preserve_rng_state=False).sum().backward()

                time_step(step, params, row, breakdown=40)
            print(f"layer torchtitan-2024 {variant:14s} step {row['stepMs']:.3f} ms (GPU busy {row['gpuBusyMs']:.3f}, {row['kernels']} kernels)", flush=True)
        except Exception as e:  # noqa: BLE001
            row["error"] = f"{type(e).__name__}: {e}"[:300]
            print(f"layer torchtitan-2024 {variant}: {row['error']}", flush=True)
        out.append(row)
    return out



E4M3_MAX, E5M2_MAX = 448.0, 57344.0


def to_fp8(x, dtype, fmax):
    """Per-tensor current scaling (torchao "tensorwise"): amax of the whole tensor, scale into the FP8 range, cast."""
    amax = x.abs().max().float().clamp(min=1e-12)
    scale = fmax / amax
    return (x.float() * scale).clamp(-fmax, fmax).to(dtype), scale.reciprocal()


class Fp8Matmul(torch.autograd.Function):
    """y = x @ w^T with tensorwise-scaled FP8 operands: E4M3 activations and weights, E5M2 output gradients; the
    backward GEMMs read FP8 copies laid out as _scaled_mm wants (row-major A, column-major B)."""

    @staticmethod
    def forward(ctx, x, w):
        xq, xs = to_fp8(x, torch.float8_e4m3fn, E4M3_MAX)
        wq, ws = to_fp8(w, torch.float8_e4m3fn, E4M3_MAX)
        ctx.save_for_backward(xq, xs, wq, ws)
        return torch._scaled_mm(xq, wq.t(), scale_a=xs, scale_b=ws, out_dtype=torch.bfloat16)

    @staticmethod
    def backward(ctx, gy):
        xq, xs, wq, ws = ctx.saved_tensors
        gq, gs = to_fp8(gy.contiguous(), torch.float8_e5m2, E5M2_MAX)
        gx = torch._scaled_mm(gq, wq.t().contiguous().t(), scale_a=gs, scale_b=ws, out_dtype=torch.bfloat16)
        gw = torch._scaled_mm(gq.t().contiguous(), xq.t().contiguous().t(), scale_a=gs, scale_b=xs, out_dtype=torch.bfloat16)
        return gx, gw


class Fp8Linear(torch.nn.Module):
    def __init__(self, lin):
        super().__init__()
        self.weight = torch.nn.Parameter(lin.weight.detach().clone())

    def forward(self, x):
        shape = x.shape
        return Fp8Matmul.apply(x.reshape(-1, shape[-1]), self.weight).view(*shape[:-1], self.weight.shape[0])


def fp8_layers():
    """The Llama 3 8B layer (2x8192 tokens, flash SDPA) with every linear in tensorwise FP8, eager and torch.compile'd."""
    from torch.nn.attention import SDPBackend, sdpa_kernel

    out = []
    h, heads, kv, ffn, mb, s = 4096, 32, 8, 14336, 2, 8192
    layer = Layer(h, heads, kv, ffn, "llama").to(DEV, torch.bfloat16)
    for name in ("wq", "wk", "wv", "wo", "w1", "w3", "w2"):
        setattr(layer, name, Fp8Linear(getattr(layer, name)))
    x = torch.randn(mb, s, h, device=DEV, dtype=torch.bfloat16, requires_grad=True)
    hd = h // heads
    pos = torch.arange(s, device=DEV, dtype=torch.float32)[:, None, None] / (10000 ** (torch.arange(0, hd // 2, device=DEV) / (hd // 2)))
    cos, sin = pos.cos().to(torch.bfloat16), pos.sin().to(torch.bfloat16)
    params = list(layer.parameters()) + [x]
    for variant in ("fp8-eager", "fp8-compiled"):
        row = {"label": "llama3-8b-2x8192-fp8-tensorwise", "variant": variant, "hidden": h, "heads": heads, "kvHeads": kv, "ffn": ffn, "microBatch": mb, "seq": s, "backend": "FLASH_ATTENTION"}
        try:
            fn = layer if variant == "fp8-eager" else torch.compile(layer)
            with sdpa_kernel([SDPBackend.FLASH_ATTENTION]):
                def step():
                    fn(x, cos, sin).sum().backward()

                time_step(step, params, row, breakdown=25)
            print(f"layer fp8 {variant:13s} step {row['stepMs']:.3f} ms (GPU busy {row['gpuBusyMs']:.3f}, {row['kernels']} kernels; warm-up {row['warmupSeconds']:.0f} s)", flush=True)
        except Exception as e:  # noqa: BLE001
            row["error"] = f"{type(e).__name__}: {e}"[:300]
            print(f"layer fp8 {variant}: {row['error']}", flush=True)
        out.append(row)
    return out



class MoELayer(torch.nn.Module):
    """A Qwen3-235B-shaped MoE decoder layer on one GPU (all 128 experts local, top-8, expert FFN 1536, GQA 64/4 heads
    of 128): RMSNorm, QKV, SDPA, output projection; RMSNorm, softmax router, top-k, permutation of the token copies
    by expert, two grouped GEMMs (torch._grouped_mm) with SwiGLU between, weighted un-permutation (index_add)."""

    def __init__(self, h=4096, heads=64, kv=4, hd=128, experts=128, topk=8, ffn=1536):
        super().__init__()
        self.h, self.heads, self.kv, self.hd, self.experts, self.topk = h, heads, kv, hd, experts, topk
        lin = lambda i, o: torch.nn.Linear(i, o, bias=False)  # noqa: E731
        self.qkv, self.o, self.router = lin(h, (heads + 2 * kv) * hd), lin(heads * hd, h), lin(h, experts)
        self.w13 = torch.nn.Parameter(torch.randn(experts, 2 * ffn, h) * 0.02)
        self.w2 = torch.nn.Parameter(torch.randn(experts, h, ffn) * 0.02)
        self.n1, self.n2 = torch.nn.RMSNorm(h, eps=1e-6), torch.nn.RMSNorm(h, eps=1e-6)

    def forward(self, x):
        b, s, h = x.shape
        q, k, v = self.qkv(self.n1(x)).view(b, s, self.heads + 2 * self.kv, self.hd).split([self.heads, self.kv, self.kv], dim=2)
        rep = self.heads // self.kv
        k = k[:, :, :, None, :].expand(b, s, self.kv, rep, self.hd).reshape(b, s, self.heads, self.hd)
        v = v[:, :, :, None, :].expand(b, s, self.kv, rep, self.hd).reshape(b, s, self.heads, self.hd)
        a = F.scaled_dot_product_attention(q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2), is_causal=True)
        x = x + self.o(a.transpose(1, 2).reshape(b, s, self.heads * self.hd))
        t = self.n2(x).view(-1, h)
        probs = self.router(t).float().softmax(-1)
        w, idx = probs.topk(self.topk, dim=-1)
        w = w / w.sum(-1, keepdim=True)
        flat = idx.view(-1)
        order = flat.argsort(stable=True)
        tok = order // self.topk
        offs = torch.bincount(flat, minlength=self.experts).cumsum(0).to(torch.int32)
        xs = t.index_select(0, tok)
        g, u = torch._grouped_mm(xs, self.w13.transpose(-2, -1), offs=offs).chunk(2, dim=-1)
        y = torch._grouped_mm(F.silu(g) * u, self.w2.transpose(-2, -1), offs=offs)
        y = y * w.reshape(-1)[order, None].to(y.dtype)
        return x + torch.zeros_like(t).index_add(0, tok, y).view(b, s, h)


def moe_layers():
    """Forward + backward of the MoE layer at 4096 and 8192 tokens (256 / 512 token copies per expert), flash SDPA."""
    from torch.nn.attention import SDPBackend, sdpa_kernel

    out = []
    layer = MoELayer().to(DEV, torch.bfloat16)
    params = list(layer.parameters())
    for tokens in (4096, 8192):
        row = {"label": f"qwen3-235b-moe-1x{tokens}", "hidden": 4096, "heads": 64, "kvHeads": 4, "headDim": 128, "experts": 128, "topK": 8, "expertFfn": 1536, "microBatch": 1, "seq": tokens, "backend": "FLASH_ATTENTION"}
        try:
            x = torch.randn(1, tokens, 4096, device=DEV, dtype=torch.bfloat16, requires_grad=True)
            with sdpa_kernel([SDPBackend.FLASH_ATTENTION]):
                def step():
                    layer(x).sum().backward()

                time_step(step, params + [x], row, breakdown=25)
            print(f"layer moe {tokens:5d} tokens step {row['stepMs']:.3f} ms (GPU busy {row['gpuBusyMs']:.3f}, {row['kernels']} kernels)", flush=True)
        except Exception as e:  # noqa: BLE001
            row["error"] = f"{type(e).__name__}: {e}"[:300]
            print(f"layer moe {tokens}: {row['error']}", flush=True)
        out.append(row)
    return out



def sustained(seconds=30.0, precision="bf16"):
    """8192^3 GEMMs (BF16, or FP8 through _scaled_mm) back to back for `seconds`: TFLOP/s per window of 50 (CUDA events)
    and, once a second, the SM clock, power draw and temperature (nvidia-smi), to see how far sustained load sits below
    a short burst."""
    import threading

    n = 8192
    if precision == "fp8":
        a = torch.randn(n, n, device=DEV).to(torch.float8_e4m3fn)
        w = torch.randn(n, n, device=DEV).to(torch.float8_e4m3fn)
        one = torch.tensor(1.0, device=DEV)
        mm = lambda: torch._scaled_mm(a, w.t(), scale_a=one, scale_b=one, out_dtype=torch.bfloat16)  # noqa: E731
    else:
        a = torch.randn(n, n, device=DEV, dtype=torch.bfloat16)
        b = torch.randn(n, n, device=DEV, dtype=torch.bfloat16)
        c = torch.empty(n, n, device=DEV, dtype=torch.bfloat16)
        mm = lambda: torch.mm(a, b, out=c)  # noqa: E731
    flops = 2.0 * n ** 3
    samples, windows, stop = [], [], threading.Event()
    t0 = time.time()

    def sampler():
        while not stop.is_set():
            samples.append([round(time.time() - t0, 2), smi("clocks.sm,power.draw,temperature.gpu")])
            stop.wait(1.0)

    th = threading.Thread(target=sampler, daemon=True)
    th.start()
    while time.time() - t0 < seconds:
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        start.record()
        for _ in range(50):
            mm()
        end.record()
        end.synchronize()
        windows.append([round(time.time() - t0, 3), 50 * flops / (start.elapsed_time(end) * 1e-3) / 1e12])
    stop.set()
    th.join(timeout=5)
    first = [w[1] for w in windows if w[0] <= 1.0]
    last = [w[1] for w in windows if w[0] >= seconds - 5.0]
    res = {"gemm": f"{precision} {n}^3", "windows": windows, "smi": samples, "firstSecondTflops": sum(first) / max(len(first), 1), "lastFiveSecondsTflops": sum(last) / max(len(last), 1)}
    print(f"sustained {precision} {n}^3: first second {res['firstSecondTflops']:.0f} TFLOP/s, last 5 s {res['lastFiveSecondsTflops']:.0f} TFLOP/s; smi {samples[:2]} ... {samples[-2:]}", flush=True)
    return res



def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out")
    ap.add_argument("--parts", default="gemm,grouped,attention,hbm,host", help="comma list of gemm,grouped,attention,hbm,host,stream,layers,eager,fp8,moe,sustained,sustained-fp8")
    ap.add_argument("--compile-budget", type=float, default=0.0, help="also time a torch.compile'd Llama layer if fewer seconds than this have passed")
    args = ap.parse_args()
    parts = set(args.parts.split(","))
    torch.manual_seed(0)
    meta = {
        "device": torch.cuda.get_device_name(0),
        "sms": torch.cuda.get_device_properties(0).multi_processor_count,
        "torch": torch.__version__,
        "cuda": torch.version.cuda,
        "cudnn": torch.backends.cudnn.version(),
        "python": platform.python_version(),
        "cpu": platform.processor() or platform.machine(),
        "driver": smi("driver_version"),
        "powerLimitW": smi("power.limit"),
        "clocksIdle": smi("clocks.sm,clocks.mem"),
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    print(json.dumps(meta), flush=True)
    t0 = time.time()
    result = {"meta": meta}
    # part name -> (result key, measurement); run in this order, each only if asked for
    steps = [
        ("gemm", "gemm", gemms),
        ("grouped", "groupedGemm", grouped),
        ("attention", "attention", attention),
        ("hbm", "hbm", hbm),
        ("host", "host", host_overhead),
        ("stream", "stream", stream_sweep),
        ("layers", "layers", lambda: layers(args.compile_budget, t0)),
        ("eager", "eagerLayers", eager_layers),
        ("fp8", "fp8Layers", fp8_layers),
        ("moe", "moeLayers", moe_layers),
        ("sustained", "sustained", sustained),
        ("sustained-fp8", "sustainedFp8", lambda: sustained(20.0, "fp8")),
    ]
    unknown = parts - {name for name, _, _ in steps}
    if unknown:
        ap.error(f"unknown --parts: {', '.join(sorted(unknown))}")
    for name, key, run in steps:
        if name in parts:
            result[key] = run()
            if name == "gemm":
                meta["clocksAfterGemm"] = smi("clocks.sm,clocks.mem")
                meta["powerAfterGemmW"] = smi("power.draw")
    meta["seconds"] = time.time() - t0
    text = json.dumps(result)
    if args.out:
        with open(args.out, "w") as f:
            f.write(json.dumps(result, indent=1))
    print(text if len(text) < 4000 else json.dumps({"meta": meta}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
