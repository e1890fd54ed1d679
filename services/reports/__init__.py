"""Reports: the day's close and KPIs, exports, NPS and the counter's status."""
