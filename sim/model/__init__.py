"""The reach model: who lives inside an area, which cells broadcast there, who receives it.

Owns the geometry the model computes with (`geo`: WGS84 <-> RD New in one place; `raster`: pixel
lattices; `gebied`: the validated target area), the population on lattices (`bevolking`), the
mobile network and its modelled default (`netwerk`), the device share (`toestellen`), delivery
time (`levering`), the report (`rapport`) and the estimate itself (`bereik`). It takes its data as
values: reading files is `sim.bronnen`'s job, and nothing here knows HTTP or the wire format.
"""
