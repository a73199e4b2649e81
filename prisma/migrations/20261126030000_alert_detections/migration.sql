-- The inputs of each organisation's last complete alert detection, so that the periodic run (every 5 minutes,
-- on every API replica, and at start) can skip an organisation whose data version and local date have not
-- moved since: on a 1 M-deal organisation a detection is ~30 s of database work (apps/api/src/alerts/detect.ts).

-- CreateTable
CREATE TABLE "alert_detections" (
    "organization_id" INTEGER NOT NULL,
    "data_version" BIGINT NOT NULL,
    "data_changed_at" TIMESTAMPTZ(3),
    "local_date" DATE NOT NULL,
    "detected_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "alert_detections_pkey" PRIMARY KEY ("organization_id")
);

-- AddForeignKey
ALTER TABLE "alert_detections" ADD CONSTRAINT "alert_detections_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
