-- How KPIs are drawn (issue 18, decision 0035): semicircular gauges or Few's bullet graphs. The organisation
-- chooses the default; a person may choose for themselves (NULL = follow the organisation).
CREATE TYPE "GaugeStyle" AS ENUM ('gauge', 'bullet');
ALTER TABLE "organizations" ADD COLUMN "gauge_style" "GaugeStyle" NOT NULL DEFAULT 'gauge';
ALTER TABLE "users" ADD COLUMN "gauge_style" "GaugeStyle";
