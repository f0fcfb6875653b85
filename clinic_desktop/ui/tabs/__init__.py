"""The tabs of the workspace: a chart's tabs (timeline, visits, demographics, ...) and the
account and upkeep tabs IT and administrators see instead of charts. One panel per module."""
