"""The ECBE wire format of osmo-cbc, as values: no HTTP, no store, no reach model.

Owns the request values (`uitzending`: a broadcast, its serial number), parsing and validating
the JSON body and path parameters (`parse`), and the cell-broadcast pages: the simulator's own
encoder for `payload_decoded` (`codeer`) and decoder of pages into text (`decodeer`, with the
GSM-7 tables both use).
"""
