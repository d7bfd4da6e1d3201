"""Execution reports from the responsible units: report forms out (`vakr forms`), filled
forms back into data/<year>/monitoring.yml (`vakr reports`)."""
