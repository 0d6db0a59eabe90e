"""Putting an approved bericht on air and keeping the app's account true to the CBC's.

Every CBC operation is written to the outbox (`outbox`) before it is attempted, together with
the broadcasts it concerns (`uitzendingen`); `plan` decides what a send withdraws first and what
this CBC can carry, `uitvoering` carries the rows out, `afronding` gives the bericht the state its
rows say, `herstel` is every way out of a stuck send, `kanaal` the channel safety rule, and
`overzicht` the list of broadcasts the pages and the API show.
"""
