#!/usr/bin/env bash
# The console: a sign-in token for a demo analyst (and one for a second reviewer, who confirms
# hit decisions: four eyes), written to $CORRIDOR_HOME/console.txt, which demo.sh prints last.
set -euo pipefail
echo "== 90 console: the analyst console in the browser"
ANA=$(corridor operators users add demo-console-analyst --role analyst)
REV=$(corridor operators users add demo-console-reviewer --role analyst)
DEC=$(corridor operators users add demo-console-decider --role decision_maker)
# demo.sh prints this file last, so that the demo ends with it
cat > "$CORRIDOR_HOME/console.txt" <<MSG

The console: run 'make serve' and open http://127.0.0.1:8000/
  sign in as the demo analyst with this token:  $ANA
  a second analyst (confirms hit decisions):    $REV
  a decision maker (adopts measures):           $DEC
The API's OpenAPI page, offline: http://127.0.0.1:8000/docs
MSG
echo "console sign-in tokens written to $CORRIDOR_HOME/console.txt"
