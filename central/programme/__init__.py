"""Head office's programme at the centre: rule-set drafts and their preview, the chain's
numbers (pre-aggregated per store and day), and imports of event registrations."""
