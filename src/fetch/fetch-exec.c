/*
 * fetch: exec: and filter: feeds.  The command line is split into words by
 * fetch_split_command() (a word starting with "~/" gets $HOME) and started
 * with posix_spawnp() (an argument vector, never a shell, and safe beside
 * threads); its standard output is the feed, its standard error the reason
 * when it fails.  A filter:PROGRAM:URL feed downloads URL first (with curl,
 * conditional GET and all) and then hands the body to PROGRAM on its
 * standard input, a socket written without blocking from the same poll
 * loop that reads its output, so a big body cannot deadlock the two.  The
 * pipes are polled with the curl transfers; a command that outlives the
 * total time limit is killed with its process group.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fetch/fetch-int.h"
#include "util/i18n.h"
#include "util/util.h"

extern char **environ;

static void
close_fd(int *fd)
{
	if (*fd >= 0) {
		close(*fd);
		*fd = -1;
	}
}

/* Words that start with "~/" (or are "~") name a path under $HOME, as
 * they would in the shell newsboat runs commands with. */
static void
expand_home(char **argv)
{
	const char *home = getenv("HOME");
	char *p;
	size_t i;

	if (home == NULL || *home == '\0')
		return;
	for (i = 0; argv[i] != NULL; i++) {
		if (argv[i][0] != '~' || (argv[i][1] != '/' && argv[i][1] != '\0'))
			continue;
		p = xasprintf("%s%s", home, argv[i] + 1);
		free(argv[i]);
		argv[i] = p;
	}
}

/* Start t->argv with its output (and errors) on pipes; its input is
 * in_child, or /dev/null when -1. */
static int
spawn(struct fetcher *f, struct transfer *t, int in_child)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	int out[2] = { -1, -1 }, errp[2] = { -1, -1 }, rc;

	if (pipe2(out, O_CLOEXEC) != 0 || pipe2(errp, O_CLOEXEC) != 0) {
		t->error = xasprintf(t->is_filter ? _("filter: cannot make a "
		    "pipe: %s") : _("exec: cannot make a pipe: %s"),
		    strerror(errno));
		goto fail;
	}
	expand_home(t->argv);
	posix_spawn_file_actions_init(&fa);
	if (in_child >= 0)
		posix_spawn_file_actions_adddup2(&fa, in_child, 0);
	else
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], 1);
	posix_spawn_file_actions_adddup2(&fa, errp[1], 2);
	posix_spawnattr_init(&attr);
	/* Its own process group, so that a timeout kills its children too. */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	rc = posix_spawnp(&t->pid, t->argv[0], &fa, &attr, t->argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	if (rc != 0) {
		t->pid = -1;
		t->error = xasprintf(t->is_filter ? _("filter: %s: %s") :
		    _("exec: %s: %s"), t->argv[0], strerror(rc));
		goto fail;
	}
	close_fd(&out[1]);
	close_fd(&errp[1]);
	t->out_fd = out[0];
	t->err_fd = errp[0];
	fcntl(t->out_fd, F_SETFL, fcntl(t->out_fd, F_GETFL) | O_NONBLOCK);
	fcntl(t->err_fd, F_SETFL, fcntl(t->err_fd, F_GETFL) | O_NONBLOCK);
	f->nexec++;
	return 0;
fail:
	close_fd(&out[0]);
	close_fd(&out[1]);
	close_fd(&errp[0]);
	close_fd(&errp[1]);
	return -1;
}

int
exec_start(struct fetcher *f, struct transfer *t)
{
	char *e = NULL;

	if (!f->o.allow_exec) {
		t->error = xstrdup(_("exec: feeds are not allowed here"));
		return -1;
	}
	if ((t->argv = fetch_split_command(t->url + 5, &e)) == NULL) {
		t->error = e;
		return -1;
	}
	return spawn(f, t, -1);
}

void
filter_init(struct transfer *t)
{
	static const char *const schemes[] = { ":http://", ":https://",
	    ":file://" };
	const char *cmd = t->url + 7, *p, *best = NULL;
	size_t i, n;

	t->is_filter = 1;
	/* The program ends where the URL begins: the first ":scheme://". */
	for (p = cmd; *p != '\0' && best == NULL; p++) {
		if (*p != ':')
			continue;
		for (i = 0; i < DL_ARRAY_LEN(schemes); i++) {
			n = strlen(schemes[i]);
			if (strncasecmp(p, schemes[i], n) == 0 && p[n] != '\0') {
				best = p;
				break;
			}
		}
	}
	if (best == NULL || best == cmd)
		return;
	t->filter_cmd = xstrndup(cmd, (size_t)(best - cmd));
	t->inner_url = xstrdup(best + 1);
}

int
filter_start(struct fetcher *f, struct transfer *t)
{
	int sv[2];

	/* A socket, not a pipe: send() with MSG_NOSIGNAL gets EPIPE instead
	 * of a SIGPIPE when the program stops reading early. */
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
		t->error = xasprintf(_("filter: cannot make a pipe: %s"),
		    strerror(errno));
		return -1;
	}
	shutdown(sv[0], SHUT_RD);
	shutdown(sv[1], SHUT_WR);
	if (spawn(f, t, sv[1]) != 0) {
		close(sv[0]);
		close(sv[1]);
		return -1;
	}
	close(sv[1]);
	t->in_fd = sv[0];
	fcntl(t->in_fd, F_SETFL, fcntl(t->in_fd, F_GETFL) | O_NONBLOCK);
	t->body_off = 0;
	/* The cap and the time limit start again for the program's output;
	 * the server's content type says nothing about it. */
	t->bytes = 0;
	t->started = time_monotonic();
	free(t->content_type);
	free(t->charset);
	t->content_type = t->charset = NULL;
	if (t->body.len == 0)
		close_fd(&t->in_fd);
	return 0;
}

/* Hand the program as much of the body as it takes now. */
static void
feed_stdin(struct transfer *t)
{
	ssize_t n;
	int turns;

	for (turns = 0; turns < 64 && t->in_fd >= 0; turns++) {
		if (t->body_off >= t->body.len) {
			close_fd(&t->in_fd);
			buf_free(&t->body);
			return;
		}
		n = send(t->in_fd, t->body.data + t->body_off,
		    t->body.len - t->body_off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		if (n < 0) {
			/* It stopped reading (EPIPE): its exit status says
			 * whether that was all right. */
			close_fd(&t->in_fd);
			buf_free(&t->body);
			return;
		}
		t->body_off += (size_t)n;
	}
}

static int
is_exec_active(const struct transfer *t)
{
	return t->easy == NULL && t->argv != NULL && t->pid > 0;
}

int
exec_poll_fds(struct fetcher *f, struct curl_waitfd *fds,
    struct transfer **owners, size_t max, int *timeout_ms)
{
	struct transfer *t;
	double now = time_monotonic(), left;
	size_t i;
	int n = 0;

	*timeout_ms = 1000;
	for (i = 0; i < f->nactive; i++) {
		t = f->active[i];
		if (!is_exec_active(t))
			continue;
		if (t->in_fd >= 0 && (size_t)n < max) {
			fds[n].fd = t->in_fd;
			fds[n].events = CURL_WAIT_POLLOUT;
			fds[n].revents = 0;
			owners[n++] = t;
		}
		if (t->out_fd >= 0 && (size_t)n < max) {
			fds[n].fd = t->out_fd;
			fds[n].events = CURL_WAIT_POLLIN;
			fds[n].revents = 0;
			owners[n++] = t;
		}
		if (t->err_fd >= 0 && (size_t)n < max) {
			fds[n].fd = t->err_fd;
			fds[n].events = CURL_WAIT_POLLIN;
			fds[n].revents = 0;
			owners[n++] = t;
		}
		/* Both pipes closed but not reaped yet: look again soon. */
		if (t->out_fd < 0 && t->err_fd < 0 && t->in_fd < 0)
			*timeout_ms = 10;
		left = t->started + f->o.total_timeout - now;
		if (left * 1000 < *timeout_ms)
			*timeout_ms = left <= 0 ? 0 : (int)(left * 1000) + 1;
	}
	return n;
}

void
exec_abort(struct fetcher *f, struct transfer *t, const char *why,
    enum fetch_outcome out)
{
	int status;

	if (t->pid > 0) {
		kill(-t->pid, SIGKILL);
		while (waitpid(t->pid, &status, 0) < 0 && errno == EINTR)
			;
		t->pid = -1;
	}
	close_fd(&t->in_fd);
	close_fd(&t->out_fd);
	close_fd(&t->err_fd);
	if (why != NULL && t->error == NULL)
		t->error = xstrdup(why);
	f->nexec--;
	transfer_remove_active(f, t);
	transfer_finish(f, t, out);
}

/* Read what is waiting on one pipe; -1 when the transfer was ended. */
static int
drain(struct fetcher *f, struct transfer *t, int *fd, int is_out)
{
	char chunk[65536];
	ssize_t n;
	int turns;

	for (turns = 0; turns < 16 && *fd >= 0; turns++) {
		n = read(*fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return 0;
		if (n <= 0) {
			close_fd(fd);
			return 0;
		}
		if (!is_out) {
			if (t->errbuf.len < FETCH_MAX_STDERR)
				buf_add(&t->errbuf, chunk, (size_t)n >
				    FETCH_MAX_STDERR - t->errbuf.len ?
				    FETCH_MAX_STDERR - t->errbuf.len : (size_t)n);
			continue;
		}
		if (transfer_deliver(t, chunk, (size_t)n) != 0) {
			exec_abort(f, t, NULL, FETCH_FAILED);
			return -1;
		}
	}
	return 0;
}

/* The first line of the command's standard error, sanitised. */
static char *
stderr_line(struct transfer *t)
{
	const char *s = buf_str(&t->errbuf);
	size_t n = strcspn(s, "\n");

	return utf8_sanitise(s, n > 200 ? 200 : n, SANITISE_TAB_TO_SPACE);
}

/* 1 when the command ended (and the transfer with it). */
static int
reap(struct fetcher *f, struct transfer *t)
{
	char *line;
	pid_t pid;
	int status;

	pid = waitpid(t->pid, &status, WNOHANG);
	if (pid == 0)
		return 0;
	t->pid = -1;
	f->nexec--;
	close_fd(&t->in_fd);
	transfer_remove_active(f, t);
	if (pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		transfer_finish(f, t, FETCH_OK);
		return 1;
	}
	line = stderr_line(t);
	if (pid < 0)
		t->error = xasprintf(t->is_filter ? _("filter: %s: %s") :
		    _("exec: %s: %s"), t->argv[0], strerror(errno));
	else if (WIFEXITED(status))
		t->error = xasprintf(t->is_filter ? _("filter: %s exited with "
		    "status %d%s%s") : _("exec: %s exited with status %d%s%s"),
		    t->argv[0], WEXITSTATUS(status), *line ? ": " : "", line);
	else
		t->error = xasprintf(t->is_filter ? _("filter: %s was killed by "
		    "signal %d") : _("exec: %s was killed by signal %d"),
		    t->argv[0], WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	free(line);
	transfer_finish(f, t, FETCH_FAILED);
	return 1;
}

void
exec_service(struct fetcher *f, struct curl_waitfd *fds,
    struct transfer **owners, int nfds)
{
	struct transfer *t;
	double now = time_monotonic();
	size_t i;
	char secs[32];

	(void)fds;
	(void)owners;
	(void)nfds;
	/* Walk backwards: finishing a transfer moves the last one into its
	 * place.  Reading every pipe (they are non-blocking) does not depend
	 * on how poll reported a hang-up. */
	for (i = f->nactive; i-- > 0;) {
		if (i >= f->nactive)
			continue;
		t = f->active[i];
		if (!is_exec_active(t))
			continue;
		feed_stdin(t);
		if (drain(f, t, &t->out_fd, 1) != 0)
			continue;
		if (drain(f, t, &t->err_fd, 0) != 0)
			continue;
		if (t->out_fd < 0 && t->err_fd < 0 && reap(f, t))
			continue;
		if (now - t->started > f->o.total_timeout) {
			snprintf(secs, sizeof secs, "%.0f", f->o.total_timeout);
			t->error = xasprintf(t->is_filter ? _("filter: %s: timed "
			    "out after %s s") : _("exec: %s: timed out after %s s"),
			    t->argv[0], secs);
			exec_abort(f, t, NULL, FETCH_FAILED);
		}
	}
}
