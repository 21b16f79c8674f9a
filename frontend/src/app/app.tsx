import type { ReactNode } from "react";
import { Link, matchRoute, usePathname, type Route } from "@/lib/router";
import { AdminRoute } from "@/app/routes/admin-route";
import { HistoryRoute } from "@/app/routes/history-route";
import { JobRoute } from "@/app/routes/job-route";
import { NotFoundRoute } from "@/app/routes/not-found-route";
import { UploadRoute } from "@/app/routes/upload-route";

export function App() {
  const route = matchRoute(usePathname());
  return (
    <Layout route={route}>
      <Page route={route} />
    </Layout>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.name) {
    case "upload":
      return <UploadRoute />;
    case "job":
      return <JobRoute key={route.id} id={route.id} />;
    case "history":
      return <HistoryRoute />;
    case "admin":
      return <AdminRoute />;
    default:
      return <NotFoundRoute />;
  }
}

function Layout({ route, children }: { route: Route; children: ReactNode }) {
  const current = (name: Route["name"]) => (route.name === name ? "page" : undefined);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="header no-print">
        <div className="header__inner">
          <Link to="/" className="brand" aria-label="ResumeRoast home">
            <span className="brand__mark" aria-hidden="true">
              ◆
            </span>
            Resume<span className="brand__accent">Roast</span>
          </Link>
          <nav aria-label="Main">
            <ul className="nav">
              <li>
                <Link to="/" aria-current={current("upload")}>
                  Upload
                </Link>
              </li>
              <li>
                <Link to="/history" aria-current={current("history")}>
                  My history
                </Link>
              </li>
            </ul>
          </nav>
        </div>
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="footer no-print">
        <p>
          ResumeRoast · grounded feedback: every quote is checked against your file ·{" "}
          <a href="/docs">API</a>
        </p>
      </footer>
    </div>
  );
}
