#if arch(x86_64)
    // SSE arithmetic that reaches LLVM as vector operations.
    import _Builtin_intrinsics.intel
#endif

// Swift's SIMD arithmetic reaches LLVM one lane at a time, which LLVM gathers back into
// vectors only in part (twice the instructions in `KWeighting.block`); the SSE intrinsics
// reach it as vector operations. The same IEEE single-precision operations either way, so
// what these compute is what `a * b`, `a + b` and `a - b` compute.
#if arch(x86_64)
    @inline(__always) func vmul(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> { _mm_mul_ps(a, b) }
    @inline(__always) func vadd(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> { _mm_add_ps(a, b) }
    @inline(__always) func vsub(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> { _mm_sub_ps(a, b) }
#else
    @inline(__always) func vmul(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> { a * b }
    @inline(__always) func vadd(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> { a + b }
    @inline(__always) func vsub(_ a: SIMD4<Float>, _ b: SIMD4<Float>) -> SIMD4<Float> { a - b }
#endif
