"""The domain: the data model (validation, JSON Schemas) and the values every step shares:
a cycle, the whole site's data, the dates. Imports nothing else of vakr."""
