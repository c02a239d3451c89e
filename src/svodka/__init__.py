"""svodka: sourced, queryable chronicles from Russian and English news."""

import os as _os

__version__ = "0.1.0"

# svodka's models multiply small matrices, one document at a time: a multi-threaded BLAS spends
# more on waking its threads than it saves (measured: the whole pipeline 3-4x slower with two
# OpenBLAS threads than with one on 2 cores). One thread per process unless the user chose
# otherwise; parallelism comes from worker processes (--workers, --dask). Takes effect only when
# svodka is imported before numpy.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    _os.environ.setdefault(_var, "1")
