"""The compatibility package: the one place that relies on other packages' undocumented behaviour.

Each module here stands in for a gap upstream, names the upstream version it was written against,
and has a test that fails when upstream changes; docs/upgrading.md lists them with what to re-check
on an upgrade. Nothing outside this package uses another package's private names.
"""
