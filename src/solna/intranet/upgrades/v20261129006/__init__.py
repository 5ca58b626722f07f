"""20261129005 → 20261129006: forms keep their cases for a retention period
(behaviour solna.retention on EasyForm) and the job that purges them."""
