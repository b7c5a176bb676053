"""Real-world structures built from public data, behind optional extras.

:mod:`orgraph.datasets.vietnam`
    Vietnam's administrative units before and after the 2025 reorganisation, and the
    reorganisation itself as a scenario (needs the ``vn`` extra).
"""

__all__: list[str] = []
