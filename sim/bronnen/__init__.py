"""Sources: reading data into the model's values.

Owns the embedded CBS population data (`cbs`: the files under `sim/data`, read with
`importlib.resources`, laid on the model's lattices) and the importers of real network inputs,
one module per format: `antenneregister` (RDI CSV), `opencellid` (CSV), `best_server` (an
operator's GeoJSON); `invoer` holds what they share. It depends on `sim.model` for the values it
produces, never the other way round.
"""
