"""The classroom web face: `cisec serve` serves a pack to phones; talks only to services."""
