-- Migration "hours_roster_indexes": generated from prisma/schema.prisma by app/cli/migrations.ts

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_HoursYearSummary" (
    "personId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "professionalRequired" REAL NOT NULL,
    "professionalCarriedIn" REAL NOT NULL,
    "professionalCredited" REAL NOT NULL,
    "politicalRequired" REAL NOT NULL,
    "politicalCredited" REAL NOT NULL,
    "pendingHours" REAL NOT NULL,
    "carryOut" REAL NOT NULL,
    "met" BOOLEAN NOT NULL,
    "onRoster" BOOLEAN NOT NULL DEFAULT true,
    "ruleVersions" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,

    PRIMARY KEY ("personId", "year")
);
INSERT INTO "new_HoursYearSummary" ("carryOut", "computedAt", "met", "pendingHours", "personId", "politicalCredited", "politicalRequired", "professionalCarriedIn", "professionalCredited", "professionalRequired", "ruleVersions", "unitId", "year") SELECT "carryOut", "computedAt", "met", "pendingHours", "personId", "politicalCredited", "politicalRequired", "professionalCarriedIn", "professionalCredited", "professionalRequired", "ruleVersions", "unitId", "year" FROM "HoursYearSummary";
DROP TABLE "HoursYearSummary";
ALTER TABLE "new_HoursYearSummary" RENAME TO "HoursYearSummary";
CREATE INDEX "HoursYearSummary_year_unitId_onRoster_professionalCredited_professionalCarriedIn_professionalRequired_politicalCredited_politicalRequired_pendingHours_idx" ON "HoursYearSummary"("year", "unitId", "onRoster", "professionalCredited", "professionalCarriedIn", "professionalRequired", "politicalCredited", "politicalRequired", "pendingHours");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Person_status_inEnforcementSystem_unitId_idx" ON "Person"("status", "inEnforcementSystem", "unitId");
