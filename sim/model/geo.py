"""The one place where coordinates change reference system.

Input and output are WGS84 lon,lat (GeoJSON, shapely); the simulator computes in RD New
(EPSG:28992) metres so that areas and distances are plain arithmetic.
"""

from __future__ import annotations

import threading
from typing import TypeVar

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

G = TypeVar("G", BaseGeometry, NDArray[np.object_])

_lokaal = threading.local()  # pyproj transformers are not thread-safe: one pair per thread


def cirkel_wgs84(lon: float, lat: float, straal_m: float) -> BaseGeometry:
    """A circle on the ground anywhere (azimuthal equidistant around its centre), in WGS84."""
    naar = Transformer.from_crs(
        f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m", 4326, always_xy=True
    )
    kring = shapely.Point(0.0, 0.0).buffer(straal_m, quad_segs=32)
    return shapely.transform(kring, lambda xy: np.column_stack(naar.transform(xy[:, 0], xy[:, 1])))


def utm_van(lon: float) -> int:
    """The EPSG code of the WGS84 UTM zone (north) for a longitude."""
    return 32600 + int((lon + 180) // 6) + 1


def naar_utm(geometrie: G, epsg: int) -> G:
    """A WGS84 geometry (or array of them) in a UTM zone, for areas away from the Netherlands."""
    t = Transformer.from_crs(4326, epsg, always_xy=True)
    return shapely.transform(geometrie, lambda xy: np.column_stack(t.transform(xy[:, 0], xy[:, 1])))


def _laea() -> Transformer:
    t: Transformer | None = getattr(_lokaal, "laea", None)
    if t is None:
        t = _lokaal.laea = Transformer.from_crs(3035, 28992, always_xy=True)
    return t


def laea_naar_rd(
    x: NDArray[np.float64], y: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """RD New x, y for ETRS89-LAEA (EPSG:3035, the European census grid) x, y arrays."""
    rx, ry = _laea().transform(x, y)
    return np.asarray(rx, dtype=np.float64), np.asarray(ry, dtype=np.float64)


def _transformers() -> tuple[Transformer, Transformer]:
    paar: tuple[Transformer, Transformer] | None = getattr(_lokaal, "paar", None)
    if paar is None:
        paar = (
            Transformer.from_crs(4326, 28992, always_xy=True),
            Transformer.from_crs(28992, 4326, always_xy=True),
        )
        _lokaal.paar = paar
    return paar


def lonlat_naar_rd(
    lon: NDArray[np.float64], lat: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """RD New x, y (metres) for WGS84 lon, lat arrays."""
    x, y = _transformers()[0].transform(lon, lat)
    return np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)


def rd_naar_lonlat(
    x: NDArray[np.float64], y: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """WGS84 lon, lat for RD New x, y arrays."""
    lon, lat = _transformers()[1].transform(x, y)
    return np.asarray(lon, dtype=np.float64), np.asarray(lat, dtype=np.float64)


def _naar_rd_xy(xy: NDArray[np.float64]) -> NDArray[np.float64]:
    x, y = lonlat_naar_rd(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


def _naar_wgs84_xy(xy: NDArray[np.float64]) -> NDArray[np.float64]:
    lon, lat = rd_naar_lonlat(xy[:, 0], xy[:, 1])
    return np.column_stack([lon, lat])


def naar_rd(geometrie: G) -> G:
    """A WGS84 geometry (or array of them) in RD New."""
    return shapely.transform(geometrie, _naar_rd_xy)


def naar_wgs84(geometrie: G) -> G:
    """An RD New geometry (or array of them) in WGS84."""
    return shapely.transform(geometrie, _naar_wgs84_xy)
