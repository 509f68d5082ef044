"""The built-in lively scenario `make run` plays on the mock: time-driven steps on two watches.

    player = ScenarioPlayer(api, on_step=print).start()   # loops every CYCLE seconds
    ScenarioPlayer(api, speed=20.0)                       # faster, for tests (blocks scale too)
    player.stop()
    WATCHES -> [(org, server, label)]: what the panel should be configured to watch

Timeline of one cycle (seconds from its start; see STEPS). Every state lasts at least 15 s,
longer than the firmware's shortest poll interval (10 s), so none can fall between two polls:
    0  deploy: web processes installing / starting; workers all running (34: two pages)
   15  web all running (one reports "installed", as live servers do)  -> healthy
   30  web horizon restarting                      -> changing
   45  web horizon running again                   -> healthy
   60  a worker fails: status "fatal"              -> attention (unknown status)
   75  rate-limit episode: 429 + Retry-After for 25 s on every request
  100  (rate limit over) failed worker restarting  -> changing
  115  worker running again                        -> healthy
  130  API maintenance: 503 for 15 s               -> API down, then recovery
  150  scale-out: a new web process installing, then running at 165
  180  a web process removing; the cycle restarts at CYCLE
"""

import threading

import mock_forge as mf

ORG = mf.ORG
WEB, WORKERS = mf.SERVER, "4243"
WATCHES = [(ORG, WEB, "web"), (ORG, WORKERS, "workers")]
CYCLE = 200.0

_WEB_COMMANDS = ["php artisan horizon", "php artisan reverb:start --port=8080",
                 "php artisan schedule:work", "php artisan pulse:check",
                 "php artisan queue:work redis --queue=default",
                 "node /home/forge/app.example.com/current/ssr.js"]
HORIZON = "1"


def web_processes(status="running"):
    return [mf.make_process(i + 1, command=c, user="forge", site_id=101,
                            directory="/home/forge/app.example.com", status=status)
            for i, c in enumerate(_WEB_COMMANDS)]


def worker_processes():
    return [mf.make_process(200 + i, command="php artisan queue:work sqs --queue=jobs-%d" % i,
                            user="forge", site_id=102, processes=2,
                            directory="/home/forge/jobs.example.com") for i in range(34)]


def _deploy(api, _speed=1.0):
    procs = web_processes("starting")
    procs[4]["status"] = procs[5]["status"] = "installing"
    api.set_processes(procs, server=WEB)
    api.set_processes(worker_processes(), server=WORKERS)


def _all_running(api, _speed):
    procs = web_processes("running")
    procs[2]["status"] = "installed"
    api.set_processes(procs, server=WEB)


def _set(server, pid, status):
    return lambda api, _speed: api.update_process(pid, server=server, status=status)


def _block(seconds, status):
    return lambda api, speed: api.block_for(seconds / speed, status)


def _scale_out(api, _speed):
    procs = api.processes(server=WEB)
    procs.append(mf.make_process(7, command="php artisan octane:start --port=8000",
                                 user="forge", site_id=101, status="installing",
                                 directory="/home/forge/app.example.com"))
    api.set_processes(procs, server=WEB)


STEPS = [
    (0.0, "deploy: web installing/starting, workers running", _deploy),
    (15.0, "web: all running", _all_running),
    (30.0, "web: horizon restarting", _set(WEB, HORIZON, "restarting")),
    (45.0, "web: horizon running", _set(WEB, HORIZON, "running")),
    (60.0, "workers: jobs-3 failed (status fatal)", _set(WORKERS, "203", "fatal")),
    (75.0, "API: rate limited for 25 s (429, Retry-After)", _block(25, 429)),
    (100.0, "workers: jobs-3 restarting", _set(WORKERS, "203", "restarting")),
    (115.0, "workers: jobs-3 running", _set(WORKERS, "203", "running")),
    (130.0, "API: maintenance for 15 s (503)", _block(15, 503)),
    (150.0, "web: octane installing", _scale_out),
    (165.0, "web: octane running", _set(WEB, "7", "running")),
    (180.0, "web: ssr removing", _set(WEB, "6", "removing")),
]


class ScenarioPlayer:
    def __init__(self, api, steps=None, cycle=CYCLE, loop=True, on_step=None, speed=1.0):
        self.api, self.steps, self.cycle = api, list(steps or STEPS), cycle
        self.loop, self.on_step, self.speed = loop, on_step, speed
        self.done = []           # (cycle number, label) of applied steps
        self._stop = threading.Event()
        self._thread = None

    def start(self):
        _deploy(self.api)
        self._thread = threading.Thread(target=self._run, name="scenario", daemon=True)
        self._thread.start()
        return self

    def _run(self):
        n = 0
        while not self._stop.is_set():
            base = 0.0
            for at, label, action in self.steps:
                if self._stop.wait((at - base) / self.speed):
                    return
                base = at
                action(self.api, self.speed)
                self.done.append((n, label))
                if self.on_step is not None:
                    self.on_step(label)
            if not self.loop or self._stop.wait((self.cycle - base) / self.speed):
                return
            n += 1

    def stop(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join(2)

    close = stop
