import { PageTitle } from "@/components/page-title";
import { Link } from "@/lib/router";

export function NotFoundRoute() {
  return (
    <div className="page">
      <PageTitle title="Page not found" />
      <p>
        There is nothing here. <Link to="/">Upload a resume</Link> or open <Link to="/history">My history</Link>.
      </p>
    </div>
  );
}
