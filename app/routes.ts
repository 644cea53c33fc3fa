import type { RouteConfig } from "@remix-run/route-config";
import { flatRoutes } from "@remix-run/fs-routes";

// File-based routes (app/routes/*), as with Remix's default convention.
export default flatRoutes() satisfies RouteConfig;
