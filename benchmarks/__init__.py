"""Benchmarks, run by `make bench`; not part of the installed package.

- `sim_bereik`: reach estimates against a geopandas overlay doing the same sums, in one run;
- `sim_service`: the warm service answering `POST /api/v1/reach` over loopback.
"""
