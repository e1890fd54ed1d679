"""PDF documents for printing: member cards now; coupons, receipts and reports later."""
