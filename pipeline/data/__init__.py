"""Reference data kept in the package, so results never shift with a dependency's data update."""
