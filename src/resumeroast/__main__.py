from resumeroast.cli.main import app

app(prog_name="resumeroast")
