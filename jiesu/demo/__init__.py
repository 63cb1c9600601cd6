"""Demo data built by calling services, so demo history is real history (style.md folder layout).

`load.demo_load` builds a Beijing-like city bureau with its 12315 centre, district bureaus, offices,
sections, a fast-response team and two external departments (`organisation`), a merchant registry
around Xidan, Wangfujing and Guomao (`merchants`), and a year of work orders replayed through the
real workflow actions under `clock.travel` (`orders`), so every event, deadline and overdue flag
is what the rules themselves produced.
"""
