"""Analysis reports (issue 6 item 4; seed 004's 分析报告制度): monthly, quarterly, half-year, annual
and holiday reports as Word documents, with findings written from the data that staff edit before
publishing."""
