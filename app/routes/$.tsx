import { ErrorPage } from "~/components/error-page";

// Any unknown path: a real 404 status with the localised page.
export async function loader() {
  throw new Response("Not Found", { status: 404 });
}

export default function NotFound() {
  return <ErrorPage status={404} />;
}
