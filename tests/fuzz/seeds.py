#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target to tests/fuzz/corpus/<target>/.

The seeds are committed; this script only documents where they come from
and how the binary inputs are laid out (run it again after changing a list:
it replaces the seed-* files it owns and leaves any other file alone).
Every documented form is here, plus tricky ones: huge numbers, rtmin+99,
empty strings, embedded NULs, `--` in odd places.
"""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))

SIGNAMES = """HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM
STKFLT CHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH IO PWR SYS
IOT CLD POLL""".split()

SIGNAME = [n for n in SIGNAMES] + ["SIG" + n for n in SIGNAMES[:6]] + [
    "sigterm", "SigTerm", "term", "15", "1", "9", "31", "32", "33", "34",
    "35", "63", "64", "65", "0", "00015", "-15", "+15", " 15", "15 ",
    "rtmin", "RTMIN", "RTMIN+0", "rtmin+3", "SIGRTMIN+29", "SIGRTMIN+30",
    "rtmin+99", "rtmax", "rtmax-1", "RTMAX-29", "RTMAX-30", "rtmax-99",
    "RTMIN-1", "RTMAX+1", "rtmin+", "rtmin+-1", "rtmin++1", "rtmax-0",
    "", "SIG", "SIGSIG", "SIGSIGTERM", "SIG15", "99999999999999999999999",
    "18446744073709551616", "18446744073709551631", "4294967311",
    "TERM\0garbage", "\0TERM", " TERM", "TERM ", "SIGRTMIN+3 ", "TERM:QUIT",
    "0x0f", "1e1", "r", "RT", "RTMI", "sigrtmin+0000000000000000000003",
]

DURATION = [
    "0", "5", "7", "5s", "500ms", "2m", "0ms", "0s", "0m",
    "2147483647ms", "2147483648ms", "2147483s", "2147484s", "35791m",
    "35792m", "999999999999999", "000000000000005s", "0000000000000005s",
    "18446744073709551616", "18446744073709551616ms", "", "s", "ms", "m",
    "5h", "5S", "5MS", "5 s", " 5s", "5s ", "-5", "+5", "1.5s", "5sms",
    "5mss", "5\0s", "07", "5ns", "5us",
]

REMAP = [
    "143", "143:0", "1:0", "143:0,1:0", "0:255", "255:255", "255:0", "0",
    "256", "255:256", "256:0", "", ",", "1,", ",1", "1::2", ":1", "1:",
    "001:002", "0000000000001", "0000001:0000002", "1:0,,2", "1 :2", "1: 2",
    "-1", "1:-1", "+1:0", "1\0:2", "18446744073709551617:0",
    "1:18446744073709551617", ",".join("%d:%d" % (i, 255 - i)
                                       for i in range(0, 256, 5)),
    "143:0,143:1", "1:2:3", "a:b",
]

REWRITE = [
    "TERM:QUIT", "HUP:0", "TERM:QUIT,HUP:0", "SIGTERM:SIGRTMIN+3",
    "rtmin+3:rtmax-2", "KILL:TERM", "STOP:TERM", "CHLD:0", "SEGV:TERM",
    "TERM:KILL", "TERM:STOP", "15:3", "64:1", "65:1", "TERM:65", "TERM:64",
    "TERM:00", "TERM:0", "TERM:", ":TERM", "TERM", "", ",", "TERM:QUIT,",
    ",TERM:QUIT", "rtmin+99:TERM", "TERM:rtmin+99", "sigrtmax-29:sigrtmax-29",
    "SIGVTALRM:SIGRTMIN+29", "32:TERM", "TERM:32", "33:34", "34:35",
    "rtmin:rtmax", "TERM:QUIT:HUP", "TERM::QUIT", "term:quit,hup:int,"
    "usr1:usr2,winch:0,tstp:0,ttin:0,ttou:0,cont:0", "TERM\0:QUIT",
    "SIGSIGTERM:QUIT", "TERM:SIGSIGQUIT", "99999999999999999999:1",
    "0:TERM", "1:0,2:0,3:0,13:0,14:0,15:0,16:0", "x" * 60 + ":TERM",
]

PROCSTAT = [
    b"1 (bash) S 0 1 1 34816 1 4194560 1234 0 0 0 5 3 0 0 20 0 1 0 1 "
    b"8884224 1024 18446744073709551615 1 1 0 0 0 0 65536 3686404 1266761467"
    b" 0 0 0 17 1 0 0 0 0 0\n",
    b"123 (a b) R 1 123 123 0 -1 4194304 99 0\n",
    b"42 (evil) S 7) Z 1 42 42 0 -1\n",
    b"42 ()) S 1\n", b"7 (x\n) S 1 7\n", b"5 () S 1", b"5 () S 1\n",
    b"4194303 (x) S 4194303\n", b"4194304 (x) S 1\n", b"1 (x) S 4194304\n",
    b"0 (x) S 0\n", b"1 (x) S", b"1 (x) S ", b"1 (x) S 1x", b"1 (x)  S 1",
    b"1 (x) SS 1", b"1(x) S 1", b"1 x) S 1", b"1 (x S 1", b"", b"(", b")",
    b"1 (x) S 1\n", b"1 (x) S 1 2 3", b"99999999999999999999 (x) S 1",
    b"1 (x) S 99999999999999999999", b"1 (a\0b) S 1 1\n", b"1 (x) Z 1\n",
    b"00000000000000000000001 (x) S 000000000000000000002\n",
    b"1 (x) \n 2\n", b"1 (x) S -1\n", b"-1 (x) S 1\n", b" 1 (x) S 1\n",
    b"1 (" + b")" * 40 + b" S 1\n", b"1 (x) S 1\t2",
]


def value_byte(v):
    """The byte fuzz_descendants maps to v (a small pool pid 0..47)."""
    assert 0 <= v < 48
    return v


def descendants(root, cap, ents):
    out = bytes([root if root >= 0xf0 else value_byte(root), cap])
    for pid, ppid, state in ents:
        out += bytes([pid if pid >= 0xf0 else value_byte(pid),
                      ppid if ppid >= 0xf0 else value_byte(ppid),
                      ord(state)])
    return out


DESCENDANTS = [
    descendants(1, 64, [(2, 1, "S"), (3, 2, "S"), (4, 3, "Z")]),
    descendants(1, 64, [(4, 3, "S"), (3, 2, "S"), (2, 1, "S")]),
    descendants(1, 2, [(4, 3, "S"), (3, 2, "S"), (2, 1, "S")]),
    descendants(1, 0, [(2, 1, "S")]),
    descendants(5, 64, [(6, 7, "S"), (7, 6, "S"), (8, 5, "R")]),
    descendants(5, 64, [(6, 5, "S"), (6, 9, "S"), (6, 5, "Z"), (7, 6, "S")]),
    descendants(5, 64, [(5, 5, "S"), (9, 9, "S"), (10, 5, "S")]),
    descendants(0, 64, [(1, 0, "S"), (2, 1, "S")]),
    descendants(0xf1, 64, [(1, 0xf1, "S")]),
    descendants(0xf3, 64, [(0xf3, 1, "S"), (1, 0xf3, "S")]),
    descendants(1, 64, [(0xf4, 1, "S"), (0xf5, 0xf4, "S"), (2, 0xf5, "S")]),
    descendants(1, 64, [(0xf2, 1, "S"), (0xf1, 1, "S"), (0, 1, "S")]),
    descendants(1, 64, [(i + 2, i + 1, "S") for i in range(40)]),
    descendants(1, 64, [(i + 2, 1, "S") for i in range(40)]),
]


def config(argv, env=(), errsel=0):
    """byte 0: argc (low 4 bits), error buffer size index (high 4 bits);
    then the strings, each NUL-terminated."""
    assert len(argv) < 16
    data = bytes([(errsel << 4) | len(argv)])
    for s in list(argv) + list(env):
        data += s.encode() + b"\0"
    return data


IL = "init-lite"
CONFIG = [
    config([IL, "sh", "-c", "x"]),
    config([IL, "--", "app"]),
    config([IL, "-s", "-g", "-w", "-v", "-v", "-v", "-q", "app"]),
    config([IL, "-vvv", "app"]), config([IL, "-sgw", "app"]),
    config([IL, "-e143", "app"]), config([IL, "-e", "143:0", "app"]),
    config([IL, "--remap-exit=143:0", "app"]),
    config([IL, "--remap-exit", "143", "-e", "1:2", "app"]),
    config([IL, "-r", "TERM:QUIT", "app"]),
    config([IL, "--rewrite=HUP:0", "-rINT:0", "app"]),
    config([IL, "-t", "500ms", "app"]), config([IL, "--grace=2m", "app"]),
    config([IL, "-t0", "app"]), config([IL, "-p", "KILL", "app"]),
    config([IL, "--pdeathsig=SIGRTMIN+3", "app"]),
    config([IL, "-p", "rtmax-29", "app"]),
    config([IL, "-P"]), config([IL, "--pause"]), config([IL, "-P", "app"]),
    config([IL, "-P", "--", "app"]), config([IL, "--pause", "-t", "1s"]),
    config([IL, "--help"]), config([IL, "-h"]), config([IL, "--version"]),
    config([IL, "-V"]), config([IL, "-l"]), config([IL, "--license"]),
    config([IL, "-v", "--version", "app"]), config([IL, "app", "--help"]),
    config([IL, "--unknown", "app"]), config([IL, "-x", "app"]),
    config([IL, "-e"]), config([IL, "--grace"]), config([IL, "--help=x"]),
    config([IL, "--grace=", "app"]), config([IL, "--=x", "app"]),
    config([IL, "---", "app"]), config([IL, "--"]), config([IL, "--", "--"]),
    config([IL, "--", "-v", "app"]), config([IL, "app", "--", "-v"]),
    config([IL, "-", "app"]), config([IL, ""]), config([IL, "", "-v"]),
    config([]), config([IL]), config([""]), config([IL, "-t", "--", "app"]),
    config([IL, "-e", "--", "app"]), config([IL, "-vq", "app"]),
    config([IL, "-qv", "app"]), config([IL, "-et"]),
    config(["/sbin/init-lite", "/bin/sh", "script.sh", "-x", "--", "-v"]),
    config([IL, "app"], ["INIT_LITE_SUBREAPER=yes"]),
    config([IL, "app"], ["INIT_LITE_SUBREAPER=no", "TINI_SUBREAPER="]),
    config([IL, "app"], ["INIT_LITE_SUBREAPER=maybe"]),
    config([IL, "app"], ["INIT_LITE_SUBREAPER="]),
    config([IL, "app"], ["TINI_SUBREAPER="]),
    config([IL, "app"], ["TINI_SUBREAPER=0", "TINI_KILL_PROCESS_GROUP=1"]),
    config([IL, "app"], ["INIT_LITE_KILL_PROCESS_GROUP=on"]),
    config([IL, "app"], ["INIT_LITE_WARN_ON_REAP=TRUE"]),
    config([IL, "app"], ["INIT_LITE_VERBOSITY=3"]),
    config([IL, "app"], ["INIT_LITE_VERBOSITY=4"]),
    config([IL, "app"], ["INIT_LITE_VERBOSITY=-1"]),
    config([IL, "-q", "app"], ["INIT_LITE_VERBOSITY=3"]),
    config([IL, "app"], ["TINI_VERBOSITY=99999999999999999999"]),
    config([IL, "app"], ["TINI_VERBOSITY=2", "INIT_LITE_VERBOSITY=0"]),
    config([IL, "app"], ["INIT_LITE_REMAP_EXIT=143:0,1:0"]),
    config([IL, "-e", "2", "app"], ["INIT_LITE_REMAP_EXIT=143:0,1:0"]),
    config([IL, "app"], ["INIT_LITE_REMAP_EXIT=143:0,"]),
    config([IL, "app"], ["INIT_LITE_REWRITE=TERM:QUIT,HUP:0"]),
    config([IL, "app"], ["INIT_LITE_REWRITE=KILL:TERM"]),
    config([IL, "app"], ["INIT_LITE_GRACE=0"]),
    config([IL, "app"], ["INIT_LITE_GRACE=abc"]),
    config([IL, "-t", "1s", "app"], ["INIT_LITE_GRACE=bad"]),
    config([IL, "--version"], ["INIT_LITE_GRACE=bad"]),
    config([IL, "app"], ["INIT_LITE_GRACE=1s", "INIT_LITE_GRACE=bad"]),
    config([IL, "app"], ["INIT_LITE_GRACE", "=x", "", "INIT_LITE_GRACE="]),
    config([IL, "app"], ["INIT_LITE_GRACE=2147483648ms"]),
    config([IL, "app"], ["INIT_LITE_PAUSE=1", "LISTEN_PID=1"]),
    config([IL, "-t", "9" * 30, "app"], errsel=1),
    config([IL, "--bogus-" + "x" * 200, "app"], errsel=2),
    config([IL, "--bogus-" + "x" * 200, "app"], errsel=7),
    config([IL, "-e", "9" * 40, "app"], errsel=15),
    config([IL, "-u", "app:staff", "app"]), config([IL, "--user=0", "app"]),
    config([IL, "-uapp", "app"]), config([IL, "-u", "a:b:c", "app"]),
    config([IL, "-u", "4294967295", "app"]), config([IL, "-u"]),
    config([IL, "-u", "b", "app"], ["INIT_LITE_USER=a"]),
    config([IL, "-u", "b", "app"], ["INIT_LITE_USER=a:"]),
    config([IL, "app"], ["INIT_LITE_USER=1000:50"]),
    config([IL, "--stop-delay", "10s", "-a", "--wait-all", "app"]),
    config([IL, "--stop-delay=500ms", "-sag", "app"]),
    config([IL, "--stop-delay"]), config([IL, "--stop-delay=", "app"]),
    config([IL, "--wait-all=1", "app"]), config([IL, "-D", "1", "app"]),
    config([IL, "app"], ["INIT_LITE_STOP_DELAY=2m",
                         "INIT_LITE_FORWARD_ALL=on", "INIT_LITE_WAIT_ALL=1"]),
    config([IL, "--stop-delay", "1s", "app"], ["INIT_LITE_STOP_DELAY=x"]),
    config([IL, "-a", "app"], ["INIT_LITE_FORWARD_ALL=maybe"]),
    config([IL, "app"], ["PATH=/bin", "PATHX=/no", "LISTEN_PID=1",
                         "LISTEN_PID=2", "INGRESS_SERVICE_HOST=10.0.0.1",
                         "TINIX=1", "I", "T", "L", ""]),
]



def passwd(spec, pw, gr):
    """byte 0: length of the --user value; the value; passwd length as two
    bytes, little endian; the passwd content; the rest is /etc/group."""
    spec = spec.encode() if isinstance(spec, str) else spec
    pw = pw.encode() if isinstance(pw, str) else pw
    gr = gr.encode() if isinstance(gr, str) else gr
    assert len(spec) < 64 and len(pw) < 65536
    return bytes([len(spec)]) + spec + bytes([len(pw) & 255, len(pw) >> 8]) \
        + pw + gr


PW = ("root:x:0:0:root:/root:/bin/sh\n"
      "apple:x:1001:1001::/home/apple:/bin/sh\n"
      "app:x:1000:1000:App:/home/app:/bin/sh\n"
      "nohome:x:1003:1003:::/bin/sh\n"
      "app:x:2000:2000::/second:/bin/sh\n"
      "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin")
GR = ("root:x:0:\nstaff:x:50:apple,app\nwheel:x:10:apple\n"
      "near:x:60:appl,apps,xapp,App\nfirst:x:61:app,bob\n"
      "empties:x:64:,,app,,\nagain:x:50:app\nnogroup:x:65534:")
PASSWD = [
    passwd(u, PW, GR) for u in [
        "app", "apple", "appl", "root", "0", "1000", "2000", "4321",
        "4294967294", "app:staff", "app:50", "app:nosuch", "4321:staff",
        "nohome", "nobody:nogroup", "01000", "", "a:b:c", "app:",
        ":staff", "4294967295", "99999999999999999999"]
] + [
    passwd("app", "app:x:1000:1000::/home/app", GR),
    passwd("app", "app:x:1000:1000::/h:/s:", GR),
    passwd("app", "app:x:x:1000::/h:/s\napp:x:1:1::/h:/s", GR),
    passwd("app", "app:x:4294967295:0::/h:/s", GR),
    passwd("app", b"app:x:1:1::/h\0me:/s\nok:x:2:2::/ok:/s", GR),
    passwd("1", b"a\0:x:1:1::/a:/s\nb:x:1:2::/b:/s", b"g:x:5:b\0\nh:x:6:b"),
    passwd("app", "\n\n:x:1:1::/h:/s\napp:x:5:5::/h:/s\r\n",
           "g:x:7:app\r\nh:x:8:x,app\r\n"),
    passwd("app:g", PW, "g:x:70\ng:x:71:"),
    passwd("app", "other:x:1:1:" + "g" * 3000 + ":/o:/s\napp:x:5:6::/"
           + "h" * 3000 + ":/s\n", "g:x:7:" + "m" * 3000 + ",app\n"),
    passwd("app", PW, "".join("g%d:x:%d:app\n" % (i, 100 + i)
                              for i in range(257))),
]

# libFuzzer dictionaries: tokens the mutator may splice in.
DICTS = {
    "signame": SIGNAMES + ["SIG", "RTMIN", "RTMAX", "+", "-", "rtmin+",
                           "rtmax-", "64", "34", "35"],
    "duration": ["ms", "s", "m", "2147483647", "35791", "2147483"],
    "remap": [":", ",", "255", "256", "143", "0"],
    "rewrite": SIGNAMES + [":", ",", ":0", "SIG", "RTMIN+", "RTMAX-"],
    "procstat": [" (", ") ", " S ", " Z ", "4194303", "4194304", "\n"],
    "passwd": [":", "\n", ",", "::", ":x:", "app", "root", "0", "1000",
               "4294967294", "4294967295", "/home/app", "/bin/sh", "\r",
               "\\x00"],
    "config": ["-h", "-V", "-l", "-s", "-p", "-g", "-e", "-r", "-t", "-w",
               "-v", "-q", "-P", "--", "--help", "--version", "--license",
               "--subreaper", "--pdeathsig", "--pgroup", "--remap-exit",
               "--rewrite", "--grace", "--warn-on-reap", "--verbose",
               "--quiet", "--pause", "=", "INIT_LITE_SUBREAPER=",
               "TINI_SUBREAPER=", "INIT_LITE_KILL_PROCESS_GROUP=",
               "TINI_KILL_PROCESS_GROUP=", "INIT_LITE_WARN_ON_REAP=",
               "INIT_LITE_VERBOSITY=", "TINI_VERBOSITY=",
               "INIT_LITE_REMAP_EXIT=", "INIT_LITE_REWRITE=",
               "INIT_LITE_GRACE=", "-u", "--user", "INIT_LITE_USER=",
               "-a", "--stop-delay", "--forward-all", "--wait-all",
               "INIT_LITE_STOP_DELAY=", "INIT_LITE_FORWARD_ALL=",
               "INIT_LITE_WAIT_ALL=", "PATH=", "LISTEN_PID=",
               "true", "false", "yes", "no", "on", "off",
               "TERM:QUIT", "143:0", "500ms", "rtmin+3", "\\x00"],
}


def dict_line(tok):
    esc = ""
    for ch in tok:
        if ch in '"\\' or not (0x20 <= ord(ch) < 0x7f):
            esc += "\\x%02x" % ord(ch)
        else:
            esc += ch
    return '"%s"\n' % esc


def write(target, seeds):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith("seed-"):
            os.unlink(os.path.join(d, f))
    for i, s in enumerate(seeds):
        data = s.encode() if isinstance(s, str) else s
        with open(os.path.join(d, "seed-%03d" % i), "wb") as fh:
            fh.write(data)


def main():
    write("signame", SIGNAME)
    write("duration", DURATION)
    write("remap", REMAP)
    write("rewrite", REWRITE)
    write("procstat", PROCSTAT)
    write("descendants", DESCENDANTS)
    write("config", CONFIG)
    write("passwd", PASSWD)
    for target, toks in DICTS.items():
        with open(os.path.join(HERE, target + ".dict"), "w") as fh:
            fh.write("# libFuzzer dictionary for fuzz_%s (from seeds.py)\n"
                     % target)
            for t in toks:
                if t == "\\x00":
                    fh.write('"\\x00"\n')
                else:
                    fh.write(dict_line(t))


if __name__ == "__main__":
    main()
